/**
 * Figures derived from protected values after disclosure control: rates per
 * 1,000 residents and change between periods. They are computed from what the
 * release publishes, never from true counts, so a rate or a percentage change
 * cannot be worked back to a count the release suppressed or rounded.
 */
import type { ProtectedCell } from '../disclose/types.ts';
import type { MapValue } from './render/map.ts';

/** Rates from counts under 10 are too unstable to publish (ONS / UKHSA practice). */
export const MINIMUM_COUNT_FOR_RATE = 10;

export function ratePer1000(cell: ProtectedCell, population: number | undefined): MapValue {
  if (population === undefined || population <= 0) return { value: null, display: 'no population' };
  if (cell.value === null || cell.value < MINIMUM_COUNT_FOR_RATE) return { value: null, display: cell.value === 0 ? '0' : 'not shown' };
  const rate = (cell.value * 1000) / population;
  return { value: Math.round(rate * 10) / 10, display: rate.toFixed(1) };
}

export interface Change {
  label: string;
  current: string;
  base: string;
  /** "+12%", "−8%", "no change", or why it is not shown. */
  change: string;
}

export function describeChange(label: string, current: ProtectedCell, base: ProtectedCell): Change {
  let change: string;
  if (current.value === null || base.value === null) change = 'not shown (a count is not published)';
  else if (base.value === 0) change = current.value === 0 ? 'no change' : 'not comparable (none before)';
  else {
    const percent = Math.round(((current.value - base.value) / base.value) * 100);
    change = percent === 0 ? 'no change' : `${percent > 0 ? '+' : '−'}${Math.abs(percent)}%`;
  }
  return { label, current: current.display, base: base.display, change };
}
