/**
 * The folder istv is installed in (the one holding its package.json), found from
 * the running module's own location. The code runs from two places: the
 * TypeScript sources (src/…, in development and tests) and the compiled output
 * (dist/src/…), so a fixed number of `..` would be right for only one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | null = null;

export function packageRoot(): string {
  if (found !== null) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'istv') return (found = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find istv's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** istv's version as its package.json states it: the software version reports record in their provenance. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
