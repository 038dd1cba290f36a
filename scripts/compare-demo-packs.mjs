#!/usr/bin/env node
/**
 * Compares the report packs of two demo data dirs (`istv demo --data-dir A`,
 * then B), file by file, with what legitimately differs between two runs
 * masked: timestamps, the date a pack says it was produced, and the names of
 * the versioned pack folders. Used to show that a refactoring changes no
 * output: run the demo before and after, then
 *
 *   node scripts/compare-demo-packs.mjs <before-data-dir> <after-data-dir>
 *
 * (scripts/demo-packs-diff.sh does the whole thing for two commits.)
 * Exit 0 when every pack file is the same after masking, 1 otherwise, 2 on usage.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  process.stderr.write('usage: node scripts/compare-demo-packs.mjs <before-data-dir> <after-data-dir>\n');
  process.exit(2);
}

/** Every file under reports/, keyed by its path with the versioned pack folder replaced by its month link. */
function packFiles(dataDir) {
  const reports = path.join(dataDir, 'reports');
  if (!existsSync(reports)) throw new Error(`${reports} does not exist: is ${dataDir} a demo data dir?`);
  const files = new Map();
  const walk = (directory, relative) => {
    for (const entry of readdirSync(directory).sort()) {
      if (entry === '.packs') continue; // reached through the month links instead
      const full = path.join(directory, entry);
      const key = relative ? `${relative}/${entry}` : entry;
      if (statSync(full).isDirectory()) walk(full, key); // statSync follows the month symlinks
      else files.set(key, full);
    }
  };
  walk(reports, '');
  return files;
}

const TEXT = /\.(html|csv|json|geojson|txt|md|svg|xml)$/i;
const MASKS = [
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g, '<timestamp>'],
  [/\b(produced|generated|printed)( on)? \d{4}-\d{2}-\d{2}/gi, '$1$2 <date>'],
  [/\d{4}-\d{2}-\d{14}-[0-9a-f]{12}/g, '<pack-folder>'],
  // A manifest's checksums cover files that carry timestamps; the files themselves are compared here one by one.
  [/"sha256": "[0-9a-f]{64}"/g, '"sha256": "<sha256>"'],
];

function masked(file, dataDir) {
  let text = readFileSync(file, 'utf8').split(dataDir).join('<data-dir>');
  for (const [pattern, replacement] of MASKS) text = text.replace(pattern, replacement);
  return text;
}

function firstDifference(a, b) {
  const linesA = a.split('\n');
  const linesB = b.split('\n');
  for (let i = 0; i < Math.max(linesA.length, linesB.length); i++) {
    if (linesA[i] !== linesB[i]) return `line ${i + 1}:\n    - ${(linesA[i] ?? '<none>').slice(0, 200)}\n    + ${(linesB[i] ?? '<none>').slice(0, 200)}`;
  }
  return '';
}

const filesBefore = packFiles(before);
const filesAfter = packFiles(after);
const problems = [];
let same = 0;
for (const [key, file] of filesBefore) {
  const other = filesAfter.get(key);
  if (!other) {
    problems.push(`only before: ${key}`);
    continue;
  }
  if (TEXT.test(key)) {
    const a = masked(file, path.resolve(before));
    const b = masked(other, path.resolve(after));
    if (a === b) same++;
    else problems.push(`differs: ${key} at ${firstDifference(a, b)}`);
  } else if (readFileSync(file).equals(readFileSync(other))) same++;
  else problems.push(`differs (binary): ${key}`);
}
for (const key of filesAfter.keys()) if (!filesBefore.has(key)) problems.push(`only after: ${key}`);

process.stdout.write(`${filesBefore.size} pack files before, ${filesAfter.size} after; ${same} identical after masking, ${problems.length} problem(s).\n`);
for (const problem of problems.slice(0, 50)) process.stdout.write(`  ${problem}\n`);
if (problems.length > 50) process.stdout.write(`  ... and ${problems.length - 50} more\n`);
process.exit(problems.length === 0 ? 0 : 1);
