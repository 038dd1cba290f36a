/**
 * Remembers which attendance references an extract has already used, so that a
 * row sent twice in one file is caught, with memory bounded however large the
 * file (see AttendanceRegister). References are kept as numbers from a hash:
 * the reference itself is never written anywhere.
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

/** Slots of the in-memory table (16 MiB of doubles); it moves to disk when three quarters full. */
const TABLE_SLOTS = 1 << 21;
/** Bits of the Bloom filter over what moved to disk: 1 MiB. */
const FILTER_BITS = 1 << 23;
/** Hashes per insert when the table moves to disk (one parameter each). */
const MOVE_SLICE = 500;

/**
 * The hashes of an extract's first 1.5 million references live in an
 * open-addressing table of fixed size (a Float64Array: no object per entry,
 * and memory bounded by its 16 MiB); a larger file moves them to a table in a
 * private temporary SQLite database (on disk, deleted when closed) and starts
 * again. A Bloom filter over the moved hashes answers "never seen" for almost
 * every new reference without a query, and its rare false alarms are checked
 * on disk, so the answer is always exact and memory never grows past the bounds.
 */
export class AttendanceRegister {
  private database: Database.Database | null = null;
  private lookup: Database.Statement | null = null;
  private insertOne: Database.Statement | null = null;
  private insertSlice: Database.Statement | null = null;
  private readonly table: Float64Array;
  private readonly limit: number;
  private entries = 0;
  /** 0 marks an empty slot, so the hash 0 is remembered apart. */
  private zeroSeen = false;
  private filter: Int32Array | null = null;

  /** `tableSlots` (a power of two) is for tests that need to reach the disk with few references. */
  constructor(options: { tableSlots?: number } = {}) {
    const slots = options.tableSlots ?? TABLE_SLOTS;
    if (!Number.isInteger(Math.log2(slots)) || slots < 4) throw new Error(`Unexpected tableSlots value: ${slots}`);
    this.table = new Float64Array(slots);
    this.limit = (slots / 4) * 3;
  }

  /** Notes the hash and says whether an earlier row of the extract already used it. */
  seenBefore(hash: number): boolean {
    if (hash === 0) {
      const seen = this.zeroSeen;
      this.zeroSeen = true;
      return seen;
    }
    const mask = this.table.length - 1;
    let slot = (hash % 0x100000000) & mask;
    for (;;) {
      const held = this.table[slot]!;
      if (held === hash) return true;
      if (held === 0) break;
      slot = (slot + 1) & mask;
    }
    if (this.filter !== null && this.mayHaveMoved(hash) && this.lookup!.get(hash) !== undefined) return true;
    this.table[slot] = hash;
    this.entries += 1;
    if (this.entries >= this.limit) this.moveToDisk();
    return false;
  }

  // The two filter bits of a hash, one from each half; two functions rather than a
  // pair, so that checking a million references makes no garbage.
  private static firstBit(hash: number): number {
    return (Math.imul(hash % 0x100000000, 0x85ebca6b) >>> 0) & (FILTER_BITS - 1);
  }

  private static secondBit(hash: number): number {
    return (Math.imul(Math.floor(hash / 0x100000000) ^ ((hash % 0x100000000) >>> 11), 0x9e3779b1) >>> 0) & (FILTER_BITS - 1);
  }

  private mayHaveMoved(hash: number): boolean {
    const filter = this.filter!;
    const first = AttendanceRegister.firstBit(hash);
    const second = AttendanceRegister.secondBit(hash);
    return (filter[first >>> 5]! & (1 << (first & 31))) !== 0 && (filter[second >>> 5]! & (1 << (second & 31))) !== 0;
  }

  private moveToDisk(): void {
    if (this.database === null) {
      // An empty file name asks SQLite for an anonymous database that vanishes on close (or crash).
      this.database = new Database('');
      this.database.pragma('journal_mode = OFF');
      this.database.pragma('synchronous = OFF');
      // One transaction for the register's whole life: nothing here needs to survive a crash.
      this.database.exec('CREATE TABLE seen (hash INTEGER PRIMARY KEY); BEGIN');
      this.lookup = this.database.prepare('SELECT 1 FROM seen WHERE hash = ?').pluck();
      this.insertOne = this.database.prepare('INSERT OR IGNORE INTO seen (hash) VALUES (?)');
      this.insertSlice = this.database.prepare(`INSERT OR IGNORE INTO seen (hash) VALUES ${new Array(MOVE_SLICE).fill('(?)').join(', ')}`);
      this.filter = new Int32Array(FILTER_BITS / 32);
    }
    // Sorted where it is (empty slots, 0, come first), so the insert walks the B-tree in
    // order, and handed over as numbers a slice at a time: a sorted copy of the table and
    // the hashes as JSON text made 70 MB at this point that the process kept for the rest
    // of the file.
    const table = this.table.sort();
    let start = 0;
    while (start < table.length && table[start] === 0) start += 1;
    for (; start + MOVE_SLICE <= table.length; start += MOVE_SLICE) this.insertSlice!.run(...table.subarray(start, start + MOVE_SLICE));
    for (; start < table.length; start += 1) this.insertOne!.run(table[start]);
    const filter = this.filter!;
    for (const hash of table) {
      if (hash === 0) continue;
      const first = AttendanceRegister.firstBit(hash);
      const second = AttendanceRegister.secondBit(hash);
      filter[first >>> 5]! |= 1 << (first & 31);
      filter[second >>> 5]! |= 1 << (second & 31);
    }
    table.fill(0);
    this.entries = 0;
  }

  close(): void {
    this.database?.close();
    this.database = null;
  }
}
