import type { DisclosurePolicy } from '../config/disclosure.ts';

/** Shown in place of a rate whose count is too small to support it. */
export const LOW_COUNT_RATE = '[low]';

/**
 * A rate per `per` people (default 1,000) under the policy: withheld when its
 * count is under the policy's minimum (UKHSA/ONS: a rate on fewer than 10
 * events is unreliable, and with a known population it would give the count
 * away). Pass the true count; only the rate, never the count, comes out.
 */
export function protectRate(count: number, denominator: number, policy: DisclosurePolicy, per = 1000): { value: number | null; display: string } {
  if (!Number.isInteger(count) || count < 0) throw new Error(`Unexpected count value: ${count}`);
  if (!(denominator > 0)) throw new Error(`Unexpected denominator value: ${denominator}`);
  if (policy.rateMinimumCount !== null && count < policy.rateMinimumCount) return { value: null, display: LOW_COUNT_RATE };
  const value = Math.round((count / denominator) * per * 10) / 10;
  return { value, display: value.toFixed(1) };
}
