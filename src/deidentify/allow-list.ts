/**
 * The allow-list: what a free-text field keeps when it is stored, logged or
 * published. A token survives only when it belongs to the field's vocabulary:
 * a run of words inside a place name, a whole place name (the only place a
 * number survives: "No. 8", "Platform 2" when that is a name), a lexicon or
 * code-list word, a postcode district of the area. A full postcode becomes its
 * sector. Everything else becomes a placeholder: [number] for anything with a
 * digit, [name] for a word after a title, [word] for any other word. Nothing is
 * recognised in order to be removed, so wording never seen before is removed too.
 *
 * Marks (punctuation) are kept: they identify no one, and they keep the text
 * readable. Runs of one placeholder become one, so a name's length is not kept either.
 */
import { postcodeSector, normalisePostcode } from '../lib/postcode.ts';
import { normaliseFreeText } from './normalise-text.ts';
import { isContent, tokenise, type Token } from './tokenise.ts';
import { canonicalToken, type FieldVocabulary } from './vocabulary.ts';

export const PLACEHOLDERS = { word: '[word]', number: '[number]', name: '[name]' } as const;

export interface AllowListed {
  text: string;
  /** Content tokens replaced by a placeholder. */
  replaced: number;
  /** Full postcodes found in the text, normalised ("N17 9LZ"), for the geocoder only; never stored. */
  postcodes: string[];
}

function keptAlone(token: Token, word: string, vocabulary: FieldVocabulary): boolean {
  if (token.kind === 'postcode') return true;
  if (token.kind === 'word') return word === '' || vocabulary.words.has(word) || vocabulary.titles.has(word);
  return vocabulary.districts.has(word.toUpperCase());
}

/**
 * Marks each content token kept or not, keeping as many as the vocabulary
 * allows: a dynamic programme over the tokens, each step either one token on its
 * own or a run matching a name (or a part of one), so that "in Chick Filler" is
 * not read as the name part "in chick" followed by a stray "filler".
 */
function keptTokens(content: Token[], canonical: string[], vocabulary: FieldVocabulary): boolean[] {
  const n = content.length;
  const best = new Array<number>(n + 1).fill(0);
  const step = new Array<number>(n).fill(1);
  for (let index = n - 1; index >= 0; index--) {
    best[index] = (keptAlone(content[index]!, canonical[index]!, vocabulary) ? 1 : 0) + best[index + 1]!;
    step[index] = 1;
    if (content[index]!.kind === 'postcode' || canonical[index] === '') continue;
    // Ignored words ("the", "and") do not count towards a name's length.
    let key = '';
    let words = 0;
    for (let at = index; at < n && words < vocabulary.longest; at++) {
      if (content[at]!.kind === 'postcode') break;
      if (canonical[at] === '') continue;
      key = words === 0 ? canonical[at]! : `${key} ${canonical[at]}`;
      words += 1;
      if (!(vocabulary.names.has(key) || (words >= 2 && vocabulary.nameParts.has(key)))) continue;
      const value = at - index + 1 + best[at + 1]!;
      if (value >= best[index]!) {
        best[index] = value;
        step[index] = -(at - index + 1);
      }
    }
  }
  const kept = new Array<boolean>(n).fill(false);
  for (let index = 0; index < n; ) {
    if (step[index]! < 0) {
      const length = -step[index]!;
      for (let at = index; at < index + length; at++) kept[at] = true;
      index += length;
    } else {
      kept[index] = keptAlone(content[index]!, canonical[index]!, vocabulary);
      index += 1;
    }
  }
  return kept;
}

export function allowListText(text: string, vocabulary: FieldVocabulary): AllowListed {
  const tokens = tokenise(normaliseFreeText(text));
  const content = tokens.filter(isContent);
  const canonical = content.map(canonicalToken);
  const kept = keptTokens(content, canonical, vocabulary);
  const postcodes: string[] = [];
  let out = '';
  let contentIndex = 0;
  let lastPlaceholder: string | null = null;
  let pendingSpace = false;
  let replaced = 0;
  let previousWord = '';
  for (const token of tokens) {
    if (token.kind === 'space') {
      pendingSpace = out !== '';
      continue;
    }
    let piece: string;
    let placeholder: string | null = null;
    if (token.kind === 'mark') piece = token.text;
    else {
      const index = contentIndex++;
      if (token.kind === 'postcode') {
        const postcode = normalisePostcode(token.text)!;
        if (!postcodes.includes(postcode)) postcodes.push(postcode);
        piece = postcodeSector(postcode);
      } else if (kept[index]) piece = token.text;
      else {
        placeholder = token.kind === 'number' ? PLACEHOLDERS.number : vocabulary.titles.has(previousWord) ? PLACEHOLDERS.name : PLACEHOLDERS.word;
        piece = placeholder;
        replaced += 1;
      }
      previousWord = canonical[index] ?? '';
    }
    // "[word] [word] [word]" is one [word]: the number of words removed is not kept.
    if (placeholder !== null && placeholder === lastPlaceholder) {
      pendingSpace = false;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += piece;
    lastPlaceholder = placeholder;
  }
  return { text: out, replaced, postcodes };
}
