/**
 * A file with a header and no rows is a nil return (the site saw no assault
 * attendances that month) when its name says which month, and it would not
 * replace an extract that has rows: an empty export must not wipe a month that
 * was sent.
 */
import type { StoreDatabase } from '../store/open.ts';
import { findCurrentExtract } from '../store/extract-writer.ts';
import { periodFromFileName } from './file-name.ts';
import { refusal, type Refusal } from './refusal.ts';

/** Null when the file may stand as a nil return; else why not. */
export function nilReturnRefusal(store: StoreDatabase, fileName: string, siteCode: string): Refusal | null {
  const period = periodFromFileName(fileName);
  if (period === null) {
    return refusal('The file has a header but no rows, and its name gives no month (SITE_YYYY-MM.csv), so it cannot be taken as a nil return.');
  }
  const current = findCurrentExtract(store, siteCode, period);
  if (current !== null && current.rowsAccepted > 0) {
    return refusal(
      `The file has a header but no rows. As a nil return it would replace extract ${current.id} (${current.rowsAccepted} accepted rows) for ${siteCode} ${period} with none, and an empty export must not remove a month already sent; extract ${current.id} stays current. If ${period} really had no assault attendances, the hospital should confirm it.`,
    );
  }
  return null;
}
