/**
 * Disclosure policies, one per audience, as data. The lead wires this in as the
 * config's `disclosure` key; an absent section (or an absent audience) gives the
 * defaults below, so a config file only names what it changes.
 */
import { z } from 'zod';
import { LEGACY_AUDIENCE_KEYS, type PolicyAudience } from './audience.ts';

/**
 * - `hes`: the NHS HES/ECDS rule: counts below the threshold (1–7) are suppressed,
 *   every other count, totals included, is rounded to the nearest `roundingBase`.
 * - `ons_band`: the UKHSA/ONS alternative: counts below the threshold are shown as a
 *   band ("1 to 4"), with secondary suppression so a band cannot be undone from totals.
 * - `threshold_suppression`: counts below the threshold are suppressed, other counts
 *   shown exactly, with secondary suppression.
 * - `none`: counts shown as recorded, for an audience entitled to the detail.
 */
export const DISCLOSURE_METHODS = ['hes', 'ons_band', 'threshold_suppression', 'none'] as const;
export type DisclosureMethod = (typeof DISCLOSURE_METHODS)[number];

/** The threshold each method uses when the config does not give one. */
const DEFAULT_THRESHOLD: Record<DisclosureMethod, number> = {
  hes: 8, // 1–7 suppressed, as HES/ECDS outputs do
  ons_band: 5, // "1 to 4", the ONS band for sensitive topics (violence is one)
  threshold_suppression: 10,
  none: 1,
};

const policyInputSchema = z
  .strictObject({
    method: z.enum(DISCLOSURE_METHODS),
    /** Counts from 1 up to threshold − 1 are sensitive ("small"). */
    threshold: z.number().int().min(2).optional(),
    /** `hes` only: non-sensitive counts are rounded to the nearest multiple of this. */
    roundingBase: z.number().int().min(1).default(5),
    /**
     * How wide the interval an attacker can work out for a sensitive cell, from all
     * that the release publishes, must at least be. Default: the threshold for
     * `threshold_suppression` (a suppressed 3 must not be placed inside any range
     * narrower than 10 values); for `hes` and `ons_band` the width of the range the
     * symbol already admits (1 to 7, 1 to 4), so a published band or "*" is never
     * narrowed further.
     */
    protectionWidth: z.number().int().min(1).optional(),
    /**
     * `show`: zeros are published and treated as safe (most zeros in monthly
     * assault tables are sampling zeros, and ONS practice shows them). `suppress`:
     * zeros are treated as sensitive too, for tables where a zero itself tells
     * something about a person (every assault in a row falling in one category).
     */
    zeros: z.enum(['show', 'suppress']).default('show'),
    /** Publish totals along each dimension and hierarchy subtotals. */
    publishMargins: z.boolean().default(true),
    /** Rates are shown only when their count is at least this; null shows every rate. */
    rateMinimumCount: z.number().int().min(1).nullable().default(10),
  })
  .superRefine((policy, context) => {
    const threshold = policy.threshold ?? DEFAULT_THRESHOLD[policy.method];
    // A sensitive-free rounded count that rounds to 0 would read as a true zero.
    if (policy.method === 'hes' && threshold <= Math.floor(policy.roundingBase / 2)) {
      context.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `threshold ${threshold} must be above half the rounding base ${policy.roundingBase}, or a published count could round to 0`,
      });
    }
  });

export const disclosurePolicySchema = policyInputSchema.transform((policy) => {
  const threshold = policy.threshold ?? DEFAULT_THRESHOLD[policy.method];
  const defaultWidth = policy.method === 'threshold_suppression' ? threshold : Math.max(1, threshold - 2);
  return { ...policy, threshold, protectionWidth: policy.protectionWidth ?? defaultWidth };
});
export type DisclosurePolicyInput = z.input<typeof disclosurePolicySchema>;
export type DisclosurePolicy = z.output<typeof disclosurePolicySchema>;

/**
 * Why these defaults:
 * - police: the Cardiff model gives police analysts de-identified record-level data
 *   (date, hour, place, weapon) under the information-sharing agreement. A table
 *   built from records they already hold cannot disclose more than the records, so
 *   suppressing their tables would only hide detail they are entitled to.
 * - licensing: the licensing officer is a responsible authority under the Licensing
 *   Act 2003 and a committee needs the specific premises' counts as evidence; small
 *   counts are shown as they are. Tables for licensing carry no demographics. Set it
 *   to `threshold_suppression` where the local agreement asks for it.
 * - public-health: aggregates under the NHS HES/ECDS rule public health analysts
 *   already work with (1–7 suppressed, the rest rounded to 5).
 * - public: the strictest: suppress 1–9 and protect them with secondary suppression,
 *   audited across every table of the release; rates need a count of 10.
 */
export const DEFAULT_DISCLOSURE_POLICIES: Record<PolicyAudience, DisclosurePolicyInput> = {
  police: { method: 'none' },
  licensing: { method: 'none' },
  'public-health': { method: 'hes', threshold: 8, roundingBase: 5 },
  public: { method: 'threshold_suppression', threshold: 10 },
};

/** A section written with a legacy key (`public_health`) reads as the audience's one spelling; both at once stay an error. */
function renameLegacyKeys(section: unknown): unknown {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return section;
  const renamed: Record<string, unknown> = { ...section };
  for (const [legacy, audience] of Object.entries(LEGACY_AUDIENCE_KEYS)) {
    if (legacy in renamed && !(audience in renamed)) {
      renamed[audience] = renamed[legacy];
      delete renamed[legacy];
    }
  }
  return renamed;
}

export const disclosureConfigSchema = z.preprocess(
  renameLegacyKeys,
  z
    .strictObject({
      police: disclosurePolicySchema.prefault(DEFAULT_DISCLOSURE_POLICIES.police),
      licensing: disclosurePolicySchema.prefault(DEFAULT_DISCLOSURE_POLICIES.licensing),
      'public-health': disclosurePolicySchema.prefault(DEFAULT_DISCLOSURE_POLICIES['public-health']),
      public: disclosurePolicySchema.prefault(DEFAULT_DISCLOSURE_POLICIES.public),
    })
    .prefault({}),
);
export type DisclosureConfig = z.output<typeof disclosureConfigSchema>;

/** A policy from its config form, with every default filled in (for code and tests). */
export function disclosurePolicy(input: DisclosurePolicyInput): DisclosurePolicy {
  return disclosurePolicySchema.parse(input);
}
