/**
 * What each published form of a count tells a reader, as an interval of the
 * true count. Protection and the auditor both reason from these intervals, so
 * they agree on what a release reveals.
 */
import type { DisclosurePolicy } from '../config/disclosure.ts';
import type { CellStatus } from './types.ts';

export interface Interval {
  lower: number;
  /** Infinity when the count is unbounded above. */
  upper: number;
}

export const SUPPRESSED_SYMBOL = '*';

/** A count the policy may not show as it is. */
export function isSensitive(count: number, policy: DisclosurePolicy): boolean {
  if (policy.method === 'none') return false;
  if (count === 0) return policy.zeros === 'suppress';
  return count < policy.threshold;
}

/**
 * Lowest value a "*" can stand for. When zeros are always shown, a reader knows
 * a suppressed cell is at least 1, so protection must never suppress a zero
 * (it would make that inference false) and the auditor uses the 1.
 */
export function suppressedLowerBound(policy: DisclosurePolicy): number {
  return policy.zeros === 'show' ? 1 : 0;
}

/** Nearest multiple of the base, halves up: deterministic, so a count always displays the same. */
export function roundToBase(count: number, base: number): number {
  return base * Math.floor(count / base + 0.5);
}

export function bandLabel(policy: DisclosurePolicy): string {
  return `1 to ${policy.threshold - 1}`;
}

/** The interval a reader can place a count in from how it was shown. */
export function knowledgeOf(status: CellStatus, shownValue: number | null, policy: DisclosurePolicy): Interval {
  switch (status) {
    case 'published':
      if (shownValue === null) throw new Error('A published cell has no value');
      return { lower: shownValue, upper: shownValue };
    case 'rounded': {
      if (shownValue === null) throw new Error('A rounded cell has no value');
      const base = policy.roundingBase;
      // Integer counts that round (halves up) to the shown value, and which were
      // not small enough to be suppressed instead.
      return {
        lower: Math.max(shownValue - Math.floor(base / 2), policy.threshold),
        upper: shownValue + Math.ceil(base / 2) - 1,
      };
    }
    case 'banded':
      return { lower: 1, upper: policy.threshold - 1 };
    case 'primary_suppressed':
    case 'secondary_suppressed':
      return { lower: suppressedLowerBound(policy), upper: Infinity };
  }
}

/** How a count with a given status is displayed, and the number a renderer may use. */
export function displayOf(status: CellStatus, count: number, policy: DisclosurePolicy): { value: number | null; display: string } {
  switch (status) {
    case 'published':
      return { value: count, display: String(count) };
    case 'rounded': {
      const rounded = roundToBase(count, policy.roundingBase);
      return { value: rounded, display: String(rounded) };
    }
    case 'banded':
      return { value: null, display: bandLabel(policy) };
    case 'primary_suppressed':
    case 'secondary_suppressed':
      return { value: null, display: SUPPRESSED_SYMBOL };
  }
}

/** A count's status before secondary suppression. */
export function primaryStatus(count: number, policy: DisclosurePolicy): CellStatus {
  const sensitive = isSensitive(count, policy);
  switch (policy.method) {
    case 'none':
      return 'published';
    case 'threshold_suppression':
      return sensitive ? 'primary_suppressed' : 'published';
    case 'hes':
      if (sensitive) return 'primary_suppressed';
      return count === 0 ? 'published' : 'rounded';
    case 'ons_band':
      if (!sensitive) return 'published';
      return count === 0 ? 'primary_suppressed' : 'banded';
  }
}
