/**
 * Data flows one way through istv's stages, and so do imports: a file under src/
 * imports only from its own stage or an earlier one. A type two stages share
 * lives with the stage that produces it. Every relative import, export-from and
 * dynamic import() of every TypeScript file under src/ is read with the
 * TypeScript compiler's own scanner, so none is missed by a pattern.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const src = path.join(repoRoot, 'src');

/**
 * The stages in the order data flows through them (src/log.ts is a stage of its
 * own). jobs/ (the scheduler's job wiring, outside src/) comes after the
 * scheduler and before the CLI that starts it.
 */
export const STAGE_ORDER = ['lib', 'log.ts', 'config', 'intake', 'validate', 'deidentify', 'geocode', 'store', 'aggregate', 'disclose', 'report', 'pipeline', 'schedule', 'jobs', 'cli'] as const;

/**
 * Folders outside src/ that code under src/ may import: the contract and code
 * lists (schemas/, data every stage reads), and the scheduler's job wiring
 * (jobs/), which only the CLI starts. Tests, benchmarks and the sample-data
 * generator are never imported by the product.
 */
const OUTSIDE_SRC: Record<string, (typeof STAGE_ORDER)[number]> = { schemas: 'lib', jobs: 'jobs' };

/** The stage a path under the repository belongs to, or null for a folder outside src/ that src/ must not import. */
function stageOf(file: string): string | null {
  const relative = path.relative(repoRoot, file).split(path.sep);
  if (relative[0] === 'src') return relative[1] ?? null;
  return OUTSIDE_SRC[relative[0]!] ?? null;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

export interface ImportEdge {
  file: string;
  specifier: string;
  target: string;
}

/** Relative imports of one file: `import … from`, `import '…'`, `export … from`, `import('…')` and `import type`. */
export function relativeImports(file: string, text = readFileSync(file, 'utf8')): ImportEdge[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((reference) => reference.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ file, specifier, target: path.resolve(path.dirname(file), specifier) }));
}

const RANK = new Map<string, number>(STAGE_ORDER.map((stage, index) => [stage, index]));

/** The imports of one file that run against the flow, as "file imports specifier (why)" lines. */
export function importsAgainstTheFlow(file: string, text?: string): string[] {
  const here = stageOf(file);
  const from = here === null ? undefined : RANK.get(here);
  return relativeImports(file, text).flatMap((edge) => {
    const there = stageOf(edge.target);
    const to = there === null ? undefined : RANK.get(there);
    const name = `${path.relative(repoRoot, file)} imports ${edge.specifier}`;
    if (there === null) return [`${name} (outside src/, schemas/ and jobs/)`];
    if (to === undefined) return [`${name} (${there} is not a stage)`];
    if (from !== undefined && to > from) return [`${name} (${here} → ${there}, a later stage)`];
    return [];
  });
}

describe('imports follow the flow of data', () => {
  const files = typeScriptFiles(src);
  const jobFiles = typeScriptFiles(path.join(repoRoot, 'jobs'));

  it('finds every stage folder of src/ in the stage order', () => {
    const stages = new Set(files.map((file) => stageOf(file)));
    for (const stage of stages) expect(STAGE_ORDER as readonly (string | null)[]).toContain(stage);
  });

  it('no file under src/ imports from a later stage or from tests/, bench/ or sample-data/', () => {
    expect(files.flatMap((file) => importsAgainstTheFlow(file))).toEqual([]);
  });

  it('no file under jobs/ imports from the CLI, tests/, bench/ or sample-data/', () => {
    expect(jobFiles.length).toBeGreaterThan(0);
    expect(jobFiles.flatMap((file) => importsAgainstTheFlow(file))).toEqual([]);
  });

  it('no file under src/ reads a path under tests/', () => {
    const naming = files.filter((file) => /['"`]tests['"`/]/.test(readFileSync(file, 'utf8')));
    expect(naming.map((file) => path.relative(repoRoot, file))).toEqual([]);
  });

  // The rule itself, on made-up files (they are never written to disk).
  it.each([
    ['a later stage', 'src/aggregate/x.ts', "import type { T } from '../disclose/types.ts';", ['(aggregate → disclose, a later stage)']],
    ['a later stage through export-from', 'src/config/x.ts', "export { f } from '../validate/header.ts';", ['(config → validate, a later stage)']],
    ['a later stage through dynamic import', 'src/intake/x.ts', "const m = await import('../pipeline/data-dir.ts');", ['(intake → pipeline, a later stage)']],
    ['tests/', 'src/geocode/x.ts', "import data from '../../tests/geocode/set.json' with { type: 'json' };", ['(outside src/, schemas/ and jobs/)']],
    ['an earlier stage (allowed)', 'src/report/x.ts', "import { TOTAL } from '../aggregate/table.ts';\nimport type { Logger } from '../log.ts';", []],
    ['its own stage and schemas/ (allowed)', 'src/validate/x.ts', "import { a } from './header.ts';\nimport { b } from '../../schemas/columns.ts';", []],
    ['a package (not judged)', 'src/lib/x.ts', "import { z } from 'zod';", []],
    ['the CLI, in the job wiring', 'jobs/x.ts', "import { EXIT } from '../src/cli/exit-codes.ts';", ['(jobs → cli, a later stage)']],
    ['the scheduler, in the job wiring (allowed)', 'jobs/x.ts', "import { Scheduler } from '../src/schedule/scheduler.ts';", []],
  ])('judges an import from %s', (_case, file, text, expected) => {
    const problems = importsAgainstTheFlow(path.join(repoRoot, file), text);
    expect(problems.map((line) => line.slice(line.lastIndexOf(' ('  ) + 1))).toEqual(expected);
  });
});
