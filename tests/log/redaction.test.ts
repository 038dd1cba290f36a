import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';

describe('the logger keeps identifier fields out of every line', () => {
  it.each([
    ['a row with its identifiers', { row: { identifiers: { nhsNumber: '943 476 5919', patientName: 'Oduya' } } }, ['943 476 5919', 'Oduya']],
    ['identifier keys at the top level', { nhsNumber: '9434765919', dateOfBirth: '1990-03-12', postcode: 'N17 9LZ' }, ['9434765919', '1990-03-12', 'N17 9LZ']],
    ['raw free text two levels down', { file: 'x.csv', detail: { row: { locationDescription: 'at home 14 Elm Rd' } } }, ['14 Elm Rd']],
  ])('%s', (_name, object, secrets) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'istv-log-'));
    const logger = createLogger({ logDirectory: folder, quiet: true, level: 'info' });
    logger.info(object, 'a message');
    logger.flush();
    const written = readFileSync(path.join(folder, 'istv.log'), 'utf8');
    expect(written).toContain('a message');
    expect(written).toContain('[redacted]');
    for (const secret of secrets) expect(written).not.toContain(secret);
  });
});
