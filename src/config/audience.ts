/**
 * Who istv publishes for, spelt one way everywhere: in the config's
 * `disclosure` keys, the report folders, manifests and release files.
 */

/**
 * - police, licensing, public-health: the partners' monthly packs, each under its own disclosure policy;
 * - hospital: each hospital's feedback on its own extracts (its own counts, so no disclosure policy);
 * - public: open releases, under the strictest policy.
 */
export const AUDIENCES = ['police', 'licensing', 'public-health', 'hospital', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The audiences whose disclosure policy the config sets (the hospital sees its own counts). */
export const POLICY_AUDIENCES = ['police', 'licensing', 'public-health', 'public'] as const satisfies readonly Audience[];
export type PolicyAudience = (typeof POLICY_AUDIENCES)[number];

/**
 * Config keys from before the audiences had one spelling, and the key each now is.
 * A config file written with them keeps loading.
 */
export const LEGACY_AUDIENCE_KEYS: Readonly<Record<string, PolicyAudience>> = { public_health: 'public-health' };
