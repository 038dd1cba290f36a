import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import path from 'node:path';
import { runDemo, type DemoProgress } from '../../pipeline/demo.ts';
import { action, printResult } from '../base.ts';
import { EXIT } from '../exit-codes.ts';
import { formatIngestSummary } from '../format-ingest.ts';

interface DemoOptions {
  dataDir: string;
  json?: boolean;
  pdf: boolean;
}

/** A progress bar per step on a terminal; plain step lines otherwise (CI logs). */
function terminalProgress(): DemoProgress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    step(name, total) {
      if (process.stderr.isTTY) {
        bar = new cliProgress.SingleBar({ format: `${name.padEnd(44)} [{bar}] {value}/{total} {detail}`, stream: process.stderr, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
        bar.start(total, 0, { detail: '' });
      } else {
        process.stderr.write(`${name} (${total})...\n`);
      }
    },
    advance(detail) {
      bar?.increment(1, { detail: detail.length > 40 ? `${detail.slice(0, 39)}…` : detail });
    },
    done() {
      bar?.stop();
      bar = null;
    },
  };
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('Run the whole monthly flow over the bundled sample area and extracts into a fresh data dir, and say where the outputs are.')
    .option('-d, --data-dir <dir>', 'where to put everything the demo writes (replaced if an earlier demo made it)', 'istv-demo')
    .option('--json', 'print a JSON result on stdout')
    .option('--no-pdf', 'skip the PDFs (they need Chromium: Debian package "chromium")')
    .action(
      action<DemoOptions>(async (options) => {
        const result = await runDemo(options.dataDir, { progress: options.json ? undefined : terminalProgress(), pdf: options.pdf ? 'if-available' : 'skip' });
        const relative = (p: string) => path.relative(process.cwd(), p) || '.';
        printResult(options, result, () => {
          const lines = ['', formatIngestSummary(result.ingest), ''];
          lines.push(`Published ${result.published.length} month(s)${result.failedMonths.length ? `; ${result.failedMonths.length} failed: ${result.failedMonths.map((f) => `${f.month} (${f.error})`).join(', ')}` : ''}.`);
          for (const partial of result.published.filter((summary) => summary.missingSites.length > 0)) {
            lines.push(`  ${partial.month} published marked partial: ${partial.missingSites.map((site) => `${site.siteName} (${site.siteCode}) ${site.state}`).join('; ')}`);
          }
          const last = result.published[result.published.length - 1];
          if (last?.pdfSkippedReason) lines.push(`PDFs skipped: ${last.pdfSkippedReason}`);
          lines.push('', 'Where the outputs are:');
          lines.push(`  config (reuse it with --config)  ${relative(result.configFile)}`);
          lines.push(`  store (SQLite)                   ${relative(path.join(result.dataDir, 'istv.sqlite'))}`);
          lines.push(`  data-quality reports (hospitals) ${relative(path.join(result.dataDir, 'reports', 'data-quality'))}/`);
          if (last) {
            lines.push(`  monthly packs                    ${relative(path.join(result.dataDir, 'reports'))}/YYYY-MM/<audience>/`);
            lines.push(`  latest month                     ${relative(last.directory)}/`);
            for (const audience of last.audiences) {
              const html = audience.files.find((f) => f.endsWith('.html') && !f.includes('/premises/'));
              lines.push(`    ${audience.audience.padEnd(15)} ${html ? relative(path.join(last.directory, html)) : `${audience.files.length} files`}`);
            }
          }
          lines.push(`  quarantined files                ${relative(path.join(result.dataDir, 'quarantine'))}/`);
          lines.push(`  logs                             ${relative(path.join(result.dataDir, 'logs', 'istv.log'))}`);
          lines.push('', `Try: npm run istv -- status --config ${relative(result.configFile)}`);
          return lines.join('\n');
        });
        if (result.ingest.failed.length > 0 || result.failedMonths.length > 0) return EXIT.failure;
        return EXIT.ok;
      }),
    );
}
