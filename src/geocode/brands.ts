/**
 * Chain brands, worked out from the premises names themselves: the words a
 * chain's branches share at the start of their names. A register writes one
 * chain many ways ("Domino's Pizza", "Nando's Chickenland Ltd", "Morrisons
 * Supermarkets Plc", "Co-op Welcome", "Favorite Chicken & Ribs"), and staff
 * write the brand alone ("dominos", "nandos", "morrisons", "co-op",
 * "favorite chicken"). Every branch is found under the brand, so a bare brand
 * never picks one branch for want of the others.
 *
 * A brand is the start of a premises name (or the name without its trailing
 * kind words, "Boots The Chemists" → "boots") that either names another
 * premises in full or is the brand of a name borne at three or more addresses. It must
 * be distinctive: not a name of a street, area or landmark ("Tottenham Food
 * Centre" and "Tottenham Kebabs" do not make "tottenham" a shop), not one
 * ordinary or generic word ("The Crown" and "Crown Cafe" are not one chain),
 * and not ending on a joining word.
 */
import type { LocatedPlace } from './gazetteer/load.ts';
import type { KeyedPlace } from './place-index.ts';

export interface BrandWords {
  /** The premises name's tokens without a leading "the" and company-form words ("ltd", "plc"). */
  nameTokens(place: LocatedPlace): string[];
  /** The name without its trailing kind words ("boots the chemists" → "boots"), or null. */
  brandOf(place: LocatedPlace): string[] | null;
  isGeneric(token: string): boolean;
  isOrdinary(token: string): boolean;
}

/** A name at this many addresses is a chain's. */
const CHAIN_ADDRESSES = 3;

const JOINING = new Set(['and', 'of', 'the', 'at', 'on', 'in', 'n']);

/** The forms of a premises' name that may be its chain's brand, shortest last. */
function brandForms(place: LocatedPlace, words: BrandWords): string[] {
  const tokens = words.nameTokens(place);
  const possessive = /^(the\s+)?[a-z]+['’]s\b/i.test(place.name.trim());
  const forms = new Set<string>();
  const stripped = words.brandOf(place);
  if (stripped) forms.add(stripped.join(' '));
  for (let k = tokens.length - 1; k >= 1; k--) forms.add(tokens.slice(0, k).join(' '));
  return [...forms].filter((form) => {
    const t = form.split(' ');
    if (JOINING.has(t[0]!) || JOINING.has(t.at(-1)!) || words.isGeneric(t[0]!) || !t.every((w) => /^[a-z]+$/.test(w))) return false;
    // One word of the language is a word, not a brand ("crown", "royal", "golden"), unless
    // the register writes it as a possessive name ("Domino's").
    return t.length >= 2 || !words.isOrdinary(t[0]!) || (t[0] === tokens[0] && possessive);
  });
}

/** Adds every branch to its brand's key in `byKey` (and a new brand's leading words to `prefixes`). */
export function addBrandKeys(places: readonly LocatedPlace[], words: BrandWords, byKey: Map<string, KeyedPlace[]>, prefixes: Set<string>): void {
  // The first words of every street, area and landmark name: "Westbury News" and "The Westbury"
  // are named after Westbury Avenue, "Finsbury Local" and "Finsbury Park Cafe" after the park.
  const placeWords = new Set<string>();
  for (const [key, entries] of byKey) {
    if (!entries.some((e) => e.place.kind !== 'premises')) continue;
    const t = key.split(' ');
    for (let k = 1; k <= t.length; k++) placeWords.add(t.slice(0, k).join(' '));
  }
  // A chain's own name: the same name at three or more addresses ("Domino's Pizza"); two
  // "Georges Fish Bar"s are as likely two Georges.
  const addressesOf = new Map<string, Set<string>>();
  for (const place of places) {
    if (place.kind !== 'premises') continue;
    const name = words.nameTokens(place).join(' ');
    addressesOf.set(name, (addressesOf.get(name) ?? new Set()).add((place.address ?? place.id).toLowerCase()));
  }
  const members = new Map<string, { branches: LocatedPlace[]; chain: boolean }>();
  for (const place of places) {
    if (place.kind !== 'premises') continue;
    const chain = (addressesOf.get(words.nameTokens(place).join(' '))?.size ?? 0) >= CHAIN_ADDRESSES;
    for (const form of brandForms(place, words)) {
      if (placeWords.has(form)) continue;
      const entry = members.get(form);
      if (entry) {
        entry.branches.push(place);
        entry.chain ||= chain;
      } else members.set(form, { branches: [place], chain });
    }
  }
  for (const [brand, { branches, chain }] of members) {
    const existing = byKey.get(brand);
    // A new key only for a chain's brand: "George's Cafe" and "George's Fish Bar" are two Georges.
    if (!existing && !chain) continue;
    if (existing && !existing.some((e) => e.place.kind === 'premises')) continue;
    const list = existing ?? [];
    for (const place of branches) {
      const at = list.findIndex((e) => e.place === place);
      if (at < 0) list.push({ place, strength: 'name' });
      else if (list[at]!.strength === 'weak') list[at] = { place, strength: 'name' };
    }
    if (!existing) {
      byKey.set(brand, list);
      const t = brand.split(' ');
      for (let k = 1; k < t.length; k++) prefixes.add(t.slice(0, k).join(' '));
    }
  }
}
