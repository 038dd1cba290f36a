/**
 * Turns a receptionist's location text, or a gazetteer name, into a list of
 * plain tokens: lower case, apostrophes dropped ("pt's" → "pts", "McDonald's"
 * → "mcdonalds"), ED shorthand expanded from the data file
 * schemas/code-lists/location-abbreviations.json ("o/s" → outside, "rd" → road,
 * "stn" → station), and "st" read by position: *saint* before a name at the
 * start of a phrase, *street* otherwise. Names and queries go through the same
 * function, so whatever one spelling becomes, the other becomes too.
 */
import abbreviations from '../../schemas/code-lists/location-abbreviations.json' with { type: 'json' };

export interface AbbreviationTable {
  slashForms: Record<string, string>;
  tokens: Record<string, string>;
  nicknames: Record<string, string>;
  relations: string[];
  fillers: string[];
  junctionWords: string[];
  unknownPhrases: string[];
  /** "pt unable to say", "doesnt remember": a negator with a knowledge word says the location is not known. */
  unknownNegators: string[];
  unknownVerbs: string[];
  homeWords: string[];
  homeOwners: string[];
  homeAlone: string[];
  notHomeBefore: string[];
  stationWords: string[];
  nameSuffixes: string[];
  schoolWords: string[];
}

export const ABBREVIATIONS: AbbreviationTable = abbreviations;

export interface Normaliser {
  /** Tokens of a text; empty for blank text. */
  tokens(text: string): string[];
  readonly relations: ReadonlySet<string>;
  readonly fillers: ReadonlySet<string>;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function createNormaliser(table: AbbreviationTable = ABBREVIATIONS): Normaliser {
  // One pass for all slash forms ("o/s", "u/k", "b/w"), longest first.
  const slashForms = new Map(Object.entries(table.slashForms));
  const slashPattern = new RegExp(
    `(^|[^a-z0-9])(${[...slashForms.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?=[^a-z0-9]|$)`,
    'g',
  );
  const tokenMap = new Map(Object.entries(table.tokens).map(([k, v]) => [k, v.split(' ')] as const));
  const singleNicknames = new Map<string, string[]>();
  // Multi-word nicknames by their first word, so most tokens cost one map lookup.
  const phraseNicknames = new Map<string, Array<[string[], string[]]>>();
  for (const [nickname, canonical] of Object.entries(table.nicknames)) {
    const words = nickname.split(' ');
    if (words.length === 1) singleNicknames.set(nickname, canonical.split(' '));
    else {
      const list = phraseNicknames.get(words[0]!) ?? [];
      list.push([words, canonical.split(' ')]);
      phraseNicknames.set(words[0]!, list);
    }
  }
  const relations = new Set(table.relations);
  const fillers = new Set(table.fillers);
  // After these words a following name starts a new phrase, so "st" there is "saint".
  const phraseStarts = new Set([...relations, 'and', 'of', 'the']);

  return {
    relations,
    fillers,
    tokens(text: string): string[] {
      // "St James's Lane" is "st james lane" to anyone writing it: a possessive after an s is dropped whole.
      // "K.F.C." is "kfc": the dots of an initialism do not split it into letters.
      let value = ` ${text.toLowerCase().replace(/s[’‘`´']s\b/g, 's').replace(/[’‘`´']/g, '').replace(/\b[a-z](?:\.[a-z])+\.?/g, (initials) => initials.replace(/\./g, ''))} `;
      if (value.includes('/')) value = value.replace(slashPattern, (_, before: string, form: string) => `${before} ${slashForms.get(form)} `);
      // "A & B", "A + B", "A/B" join two names: a junction, or a name with "and" in it.
      value = value.replace(/[&+/]/g, ' and ').replace(/[^a-z0-9]+/g, ' ');
      const raw = value.trim() === '' ? [] : value.trim().split(' ');

      const expanded: string[] = [];
      for (let i = 0; i < raw.length; i++) {
        const phrase = phraseNicknames.get(raw[i]!)?.find(([words]) => words.every((word, k) => raw[i + k] === word));
        if (phrase) {
          expanded.push(...phrase[1]);
          i += phrase[0].length - 1;
          continue;
        }
        const token = raw[i]!;
        expanded.push(...(singleNicknames.get(token) ?? tokenMap.get(token) ?? [token]));
      }
      for (let i = 0; i < expanded.length; i++) {
        if (expanded[i] !== 'st') continue;
        const next = expanded[i + 1];
        const startsPhrase = i === 0 || phraseStarts.has(expanded[i - 1]!);
        const nameFollows = next !== undefined && !/^\d/.test(next) && !relations.has(next) && next !== 'and';
        expanded[i] = startsPhrase && nameFollows ? 'saint' : 'street';
      }
      return expanded;
    },
  };
}
