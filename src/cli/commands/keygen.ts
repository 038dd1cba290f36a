import type { Command } from 'commander';
import { createPseudonymKeyFile } from '../../deidentify/pseudonym-key.ts';
import { action } from '../base.ts';
import { EXIT } from '../exit-codes.ts';

export function register(program: Command): void {
  program
    .command('keygen')
    .description(
      'Create a pseudonym key file for repeat-attendance keys: 32 random bytes written as 64 hex digits and a newline, mode 0600 ' +
        '(istv reads any hex or base64 text of at least 32 bytes). Keep it apart from the store and its backups; name it in deidentify.pseudonymKeyFile or pass its text as ISTV_PSEUDONYM_KEY.',
    )
    .argument('<file>', 'where to write the key (never overwritten)')
    .action(
      action(async (_options, command) => {
        const file = command.args[0]!;
        createPseudonymKeyFile(file);
        process.stdout.write(`Wrote a new pseudonym key to ${file} (mode 0600). Losing it means repeat attendances can no longer be linked to earlier ones.\n`);
        return EXIT.ok;
      }),
    );
}
