/**
 * The code lists of the extract contract, loaded from the JSON files beside
 * this module. Categories are data; this module only gives them types and a
 * matcher that maps a hospital's word or code onto a category.
 */
import weaponList from './code-lists/weapon-categories.json' with { type: 'json' };
import locationTypeList from './code-lists/location-types.json' with { type: 'json' };
import relationshipList from './code-lists/assailant-relationships.json' with { type: 'json' };

export const WEAPON_CATEGORIES = ['body', 'knife_or_sharp', 'glass', 'bottle', 'blunt_object', 'firearm', 'other', 'unknown'] as const;
export type WeaponCategory = (typeof WEAPON_CATEGORIES)[number];

export const LOCATION_TYPE_CATEGORIES = ['home', 'street', 'licensed_premises', 'other_commercial', 'public_transport', 'school_or_workplace', 'other', 'unknown'] as const;
export type LocationTypeCategory = (typeof LOCATION_TYPE_CATEGORIES)[number];

export const RELATIONSHIP_CATEGORIES = ['stranger', 'partner_or_ex', 'family', 'acquaintance', 'official', 'other', 'unknown'] as const;
export type RelationshipCategory = (typeof RELATIONSHIP_CATEGORIES)[number];

export const SEX_CATEGORIES = ['male', 'female', 'other', 'unknown'] as const;
export type Sex = (typeof SEX_CATEGORIES)[number];

export interface CodeListCategory<C extends string> {
  code: C;
  label: string;
  synonyms: string[];
  domestic?: boolean;
}

export interface CodeList<C extends string> {
  categories: CodeListCategory<C>[];
}

/** Lower case; every run of characters that are not letters or digits becomes one space. */
export function normaliseCodeText(value: string): string {
  return value
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9?]+/g, ' ')
    .trim();
}

export interface CodeMatcher<C extends string> {
  /** The category a value maps to, or null when nothing in the list matches. */
  match(value: string): C | null;
  labelOf(code: C): string;
}

/**
 * Builds a matcher for a code list. A value maps to a category when it equals a
 * category code or synonym, or else when a synonym occurs in it as whole words;
 * the longest such synonym wins ("broken bottle" beats "glass"), and on a tie
 * the category listed first. `extra` maps a site's own codes (compared after
 * normalisation) and is consulted first.
 */
export function createCodeMatcher<C extends string>(list: CodeList<C>, extra: Record<string, C> = {}): CodeMatcher<C> {
  const exact = new Map<string, C>();
  const phrases: Array<{ phrase: string; code: C; order: number }> = [];
  list.categories.forEach((category, order) => {
    exact.set(normaliseCodeText(category.code), category.code);
    exact.set(normaliseCodeText(category.label), category.code);
    for (const synonym of category.synonyms) {
      const key = normaliseCodeText(synonym);
      if (!exact.has(key)) exact.set(key, category.code);
      if (key.length > 0) phrases.push({ phrase: key, code: category.code, order });
    }
  });
  phrases.sort((a, b) => b.phrase.length - a.phrase.length || a.order - b.order);
  const siteCodes = new Map(Object.entries(extra).map(([k, v]) => [normaliseCodeText(k), v] as const));
  const labels = new Map(list.categories.map((c) => [c.code, c.label] as const));

  return {
    match(value: string): C | null {
      const key = normaliseCodeText(value);
      if (key === '') return null;
      const fromSite = siteCodes.get(key);
      if (fromSite) return fromSite;
      const direct = exact.get(key);
      if (direct) return direct;
      const padded = ` ${key} `;
      for (const { phrase, code } of phrases) {
        if (padded.includes(` ${phrase} `)) return code;
      }
      return null;
    },
    labelOf(code: C): string {
      return labels.get(code) ?? code;
    },
  };
}

export const weaponCodeList = weaponList as CodeList<WeaponCategory>;
export const locationTypeCodeList = locationTypeList as CodeList<LocationTypeCategory>;
export const relationshipCodeList = relationshipList as CodeList<RelationshipCategory>;

/** Relationship categories counted as domestic violence. */
export const DOMESTIC_RELATIONSHIPS: ReadonlySet<RelationshipCategory> = new Set(
  relationshipCodeList.categories.filter((c) => c.domestic).map((c) => c.code),
);
