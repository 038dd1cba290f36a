/**
 * Test helper: the gazetteer built from ../shared/data (real open data for two
 * London boroughs), built once per test file. Tests that need it skip, with a
 * note, on a machine without that folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGazetteer } from '../../src/geocode/gazetteer/build.ts';
import { createGazetteer, type Gazetteer } from '../../src/geocode/gazetteer/load.ts';
import { sharedDataInputs } from '../../src/geocode/evaluation/shared-data.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDataDir = path.resolve(repoRoot, '..', 'shared', 'data');
export const hasSharedData = existsSync(sharedDataDir);
if (!hasSharedData) console.log(`[geocode tests] ${sharedDataDir} not found: tests on real open data are skipped`);

let cached: Gazetteer | null = null;
export function sharedGazetteer(): Gazetteer {
  cached ??= createGazetteer(buildGazetteer(sharedDataInputs(sharedDataDir)));
  return cached;
}

export const HARINGEY_SITE = 'RAPNM';
export const BARKING_SITE = 'RF4QH';
