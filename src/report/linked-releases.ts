/**
 * The releases already published that a month's release is protected and
 * audited beside, and how its method statement says so.
 *
 * A reader keeps what was published. Putting a month's release beside the
 * earlier edition of the same month (a resubmission or re-geocode republishes
 * it) shows the same counts twice, possibly suppressed differently; putting it
 * beside the month before (or, when a past month is republished, the month
 * after) lets the reader subtract one rolling year from the next (this month
 * less the month a year before) and line up the two trends. Those are the
 * releases linked: the earlier edition of the month and the adjacent months.
 * Each month was itself protected beside the month before it when it was
 * published, so every adjacent pair of releases on record has been checked
 * together. Chains across three or more months (the month a year before, read
 * from its own release, and the 24-month trend across many releases) are not
 * checked; the method statement and src/disclose/README.md say so.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addMonths, monthLabel } from '../aggregate/months.ts';
import type { Audience } from '../config/audience.ts';
import type { DisclosurePolicy } from '../config/disclosure.ts';
import { methodStatement, type PublishedRelease } from '../disclose/index.ts';
import type { CountTable, ProtectedRelease, ProtectedTable } from '../disclose/types.ts';
import type { Logger } from '../log.ts';
import type { PackBuilder, PackInput } from './pack.ts';

/** Where the method statement's account of the releases compared begins: what comes before it is the policy's own statement. */
const ACROSS_RELEASES = ' Across releases: ';

/** The months whose published releases a release of `month` is put beside: the month itself (its earlier edition), the month before and the month after. */
export function linkedMonths(month: string): string[] {
  return [addMonths(month, -1), month, addMonths(month, 1)];
}

/**
 * A published release's tables that can be linked to another month's: those
 * that say which records they count (a scope). A table without one (the
 * month's alerts) would be read as counting the same records in every month.
 */
function linkable(tables: CountTable[], shown: ProtectedRelease): CountTable[] {
  const ids = new Set(shown.tables.map((table) => table.id));
  return tables.filter((table) => table.scope !== undefined && ids.has(table.id));
}

function readRelease(file: string, policy: DisclosurePolicy, audience: Audience): ProtectedRelease {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { audience: string; period: string; methodStatement: string; tables: ProtectedTable[] };
  if (!Array.isArray(json.tables) || typeof json.methodStatement !== 'string') throw new Error('it has no tables or no method statement');
  if (json.audience !== audience) throw new Error(`it is the ${json.audience} release`);
  // Cells are read under the policy they were protected by: one published under another policy cannot be read here.
  if (json.methodStatement.split(ACROSS_RELEASES)[0] !== methodStatement(policy, audience)) throw new Error('it was protected under a different disclosure policy');
  return { audience, period: json.period, methodStatement: json.methodStatement, tables: json.tables };
}

/**
 * The releases of `pack`'s audience on record that this month's is put beside
 * (linkedMonths), each with its linkable tables counted again on the current
 * data, so that disclosure control can tell which of its cells still describe
 * the records. The earlier edition of the month is recounted by the tables
 * just prepared for this one (the same month, the same data); the adjacent
 * months by the pack.
 */
export function publishedReleases(reportsDirectory: string, month: string, pack: PackBuilder<unknown>, input: PackInput, tables: CountTable[], policy: DisclosurePolicy, logger: Logger): PublishedRelease[] {
  const published: PublishedRelease[] = [];
  for (const linked of linkedMonths(month)) {
    const file = path.join(reportsDirectory, linked, pack.audience, 'release.json');
    if (!existsSync(file)) continue;
    let release: ProtectedRelease;
    try {
      release = readRelease(file, policy, pack.audience);
    } catch (error) {
      // A damaged file cannot be linked; say so rather than fail the month.
      logger.warn({ month: linked, audience: pack.audience, error: (error as Error).message }, 'A published release could not be read; it is left out of the disclosure audit');
      continue;
    }
    const recounted = linked === month ? tables : pack.prepare({ ...input, month: linked }).tables;
    published.push({ release, tables: linkable(recounted, release) });
  }
  return published;
}

/** The release's method statement, with what it was compared with across releases (protected releases only). */
export function withAcrossReleases(release: ProtectedRelease, month: string, published: PublishedRelease[]): ProtectedRelease {
  const periods = published.map((entry) => entry.release.period);
  const named = [
    ...periods.filter((period) => period === month).map(() => `the earlier edition of ${monthLabel(month)}`),
    ...periods.filter((period) => period !== month).map((period) => monthLabel(period)),
  ];
  const compared =
    named.length === 0
      ? 'no release of the month before or after, nor an earlier edition of this month, was on record to check it against.'
      : `checked together with the releases already published for ${named.join(', ')}, so that setting them side by side narrows no suppressed count below the protection stated above.`;
  return {
    ...release,
    methodStatement: `${release.methodStatement}${ACROSS_RELEASES}${compared} Releases of other months are not compared with this one (each month is checked beside the month before it).`,
  };
}
