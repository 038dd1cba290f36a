import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractJsonSchema, contractReadme } from '../../schemas/generate.ts';
import { CONTRACT_COLUMNS, extractRowContract } from '../../schemas/extract-contract.ts';
import { siteSchema } from '../../src/config/sites.ts';
import { createRowSchema, validateRow } from '../../src/validate/row-schema.ts';
import { CANONICAL_COLUMNS } from '../../schemas/columns.ts';

const schemasFolder = path.resolve(import.meta.dirname, '..', '..', 'schemas');

describe('the published contract', () => {
  it('is up to date with the code (run `npm run schemas` after changing it)', () => {
    expect(JSON.parse(readFileSync(path.join(schemasFolder, 'extract-row.schema.json'), 'utf8'))).toEqual(contractJsonSchema());
    expect(readFileSync(path.join(schemasFolder, 'README.md'), 'utf8')).toBe(contractReadme());
  });

  it('lists the canonical columns in contract order', () => {
    expect(CONTRACT_COLUMNS.map((c) => c.name).filter((n) => n !== 'location_postcode')).toEqual([...CANONICAL_COLUMNS]);
  });

  it('accepts its own example row, and so does the pipeline', () => {
    const example = Object.fromEntries(CONTRACT_COLUMNS.map((c) => [c.name, c.example]));
    expect(extractRowContract.safeParse(example).success).toBe(true);
    const site = siteSchema.parse({ code: 'RKEQ4', name: 'ED', longitude: 0, latitude: 51 });
    const schema = createRowSchema({ sites: new Map([[site.code, site]]), defaultSiteCode: null, today: '2026-11-23' });
    const { row, issues } = validateRow(schema, 'example.csv', 2, example, {});
    expect(issues).toEqual([]);
    expect(row).not.toBeNull();
  });

  it('refuses a row without a mandatory item', () => {
    const example = Object.fromEntries(CONTRACT_COLUMNS.filter((c) => c.name !== 'assault_method').map((c) => [c.name, c.example]));
    expect(extractRowContract.safeParse(example).success).toBe(false);
  });
});
