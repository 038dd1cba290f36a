#!/usr/bin/env node
// npm run build: compiles src/, schemas/ and jobs/ into dist/ and copies beside
// them the files the compiled code reads at run time that tsc does not emit
// (the SQL migrations). JSON files imported with `with { type: 'json' }` are
// emitted by tsc itself. dist/ is wiped first so that no module deleted from the
// sources lingers in it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
/** Files the runtime reads by path, by extension, under each compiled folder. */
const RUNTIME_ASSETS = ['.sql'];
const COMPILED_FOLDERS = ['src', 'schemas', 'jobs'];

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // `npm install --omit=dev` runs prepare without TypeScript: keep a dist/ that
  // came built (a packed istv), and say what to do when there is none.
  if (existsSync(path.join(dist, 'src', 'cli', 'main.js'))) process.exit(0);
  process.stderr.write('Building istv needs its dev dependencies (TypeScript): run `npm install` without --omit=dev.\n');
  process.exit(1);
}
rmSync(dist, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

let copied = 0;
for (const folder of COMPILED_FOLDERS) {
  for (const entry of readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !RUNTIME_ASSETS.includes(path.extname(entry.name))) continue;
    const from = path.join(entry.parentPath, entry.name);
    cpSync(from, path.join(dist, path.relative(root, from)));
    copied += 1;
  }
}
process.stdout.write(`Built dist/ (${copied} runtime file(s) copied beside the JavaScript).\n`);
