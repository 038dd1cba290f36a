/**
 * Ordinary English words among the gazetteer's own vocabulary ("tower",
 * "lakeside", "rose"): a part of a premises name that is one of them is how
 * people describe things, not a name ("by the clock tower" is not the Tower
 * Cafe). The words come from an English word list (the `word-list` package,
 * from SCOWL: lower-case words of the language, no proper names), so no place
 * or brand is named here. The whole list is held once per process (a few tens
 * of MB), since the geocoder also asks about words of the text that no
 * gazetteer name uses.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let allWords: ReadonlySet<string> | null = null;

/** Every word of the list, read once per process (a few MB) when first asked. */
export function isOrdinaryWord(word: string): boolean {
  allWords ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return allWords.has(word);
}

export function ordinaryWordsAmong(vocabulary: Iterable<string>): ReadonlySet<string> {
  return new Set([...vocabulary].filter(isOrdinaryWord));
}
