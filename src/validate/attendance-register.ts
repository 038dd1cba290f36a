/**
 * Remembers which attendance references an extract has already used, so that a
 * row sent twice in one file is caught. A million-row file would make a Set grow
 * with the file, so the references live in a table of a private temporary SQLite
 * database (on disk, deleted when closed), as numbers from a hash: the reference
 * itself is never written anywhere.
 */
import Database from 'better-sqlite3';

/**
 * A 53-bit hash of the reference (two 32-bit FNV-1a lanes with different seeds),
 * exact in a JavaScript number and in SQLite. Two different references share a
 * hash with odds of about 1 in 10^10 for a 1,000-row monthly extract, and 1 in
 * 20,000 for a million-row one; cryptographic strength is not needed, as
 * nothing but this register ever sees the number.
 */
export function attendanceHash(siteCode: string, attendanceId: string): number {
  const text = `${siteCode}\u0000${attendanceId.trim().toUpperCase()}`;
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x01000193) ^ (high >>> 15);
  }
  return (finalMix(high) >>> 11) * 0x100000000 + (finalMix(low) >>> 0);
}

/** MurmurHash3's finaliser: spreads every input bit over the whole 32-bit word. */
function finalMix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

export class AttendanceRegister {
  private readonly database;
  private readonly insertMany;

  constructor() {
    // An empty file name asks SQLite for an anonymous database that vanishes on close (or crash).
    this.database = new Database('');
    this.database.pragma('journal_mode = OFF');
    this.database.pragma('synchronous = OFF');
    // One transaction for the register's whole life: a commit per row would cost more than the row.
    this.database.exec('CREATE TABLE seen (hash INTEGER PRIMARY KEY); BEGIN');
    // RETURNING gives back only the hashes that were new: one statement for a whole batch.
    this.insertMany = this.database.prepare('INSERT OR IGNORE INTO seen (hash) SELECT value FROM json_each(?) RETURNING hash').pluck();
  }

  /**
   * Notes a batch of hashes (in file order) and says, for each, whether an
   * earlier row (in this batch or before it) already used it.
   */
  seenBefore(hashes: number[]): boolean[] {
    if (hashes.length === 0) return [];
    const fresh = new Set(this.insertMany.all(JSON.stringify(hashes)) as number[]);
    return hashes.map((hash) => !fresh.delete(hash));
  }

  close(): void {
    this.database.close();
  }
}
