import { describe, expect, it } from 'vitest';
import { AUDIENCES, POLICY_AUDIENCES } from '../../src/config/audience.ts';
import { disclosureConfigSchema } from '../../src/config/disclosure.ts';

describe('audiences', () => {
  it('spells each audience one way, as a folder name would', () => {
    for (const audience of AUDIENCES) expect(audience).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
  it('has a configurable disclosure policy for every policy audience', () => {
    const config = disclosureConfigSchema.parse(undefined);
    expect(Object.keys(config).sort()).toEqual([...POLICY_AUDIENCES].sort());
  });
  it.each([
    ['the audience spelling', { 'public-health': { method: 'ons_band' } }],
    ['the legacy key of earlier configs', { public_health: { method: 'ons_band' } }],
  ])('reads the public-health policy under %s', (_name, section) => {
    expect(disclosureConfigSchema.parse(section)['public-health'].method).toBe('ons_band');
  });
  it('refuses both spellings at once rather than choosing one', () => {
    const result = disclosureConfigSchema.safeParse({ 'public-health': { method: 'hes' }, public_health: { method: 'none' } });
    expect(result.success).toBe(false);
  });
});
