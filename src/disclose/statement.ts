import type { Audience } from '../config/audience.ts';
import type { DisclosurePolicy } from '../config/disclosure.ts';
import { bandLabel, SUPPRESSED_SYMBOL } from './knowledge.ts';

/** The short plain-English statement printed with every output of a release. */
export function methodStatement(policy: DisclosurePolicy, audience: Audience): string {
  const small = `1 to ${policy.threshold - 1}`;
  const zeros = policy.zeros === 'show' ? 'Zeros are shown.' : `Zeros are also suppressed (${SUPPRESSED_SYMBOL}).`;
  const differencing = `further cells are suppressed (${SUPPRESSED_SYMBOL}) where needed so that no protected count can be worked out from the totals, within a table or by comparing the tables of this release`;
  const margins = policy.publishMargins ? 'Totals and subtotals are shown and protected in the same way.' : 'Totals are not shown.';
  const rates = policy.rateMinimumCount === null ? '' : ` Rates are not shown where the count is under ${policy.rateMinimumCount}.`;
  switch (policy.method) {
    case 'none':
      return `Counts are shown as recorded, without disclosure control, for ${audience} under the information-sharing agreement; do not publish or pass on.${rates}`;
    case 'hes':
      return (
        `Counts of ${small} are suppressed (${SUPPRESSED_SYMBOL}) and all other counts are rounded to the nearest ${policy.roundingBase}, ` +
        `following NHS HES/ECDS practice; ${differencing}. ${margins} Rounded totals need not equal the sum of rounded cells. ${zeros}${rates}`
      );
    case 'ons_band':
      return `Counts of ${small} are shown as "${bandLabel(policy)}" (ONS/UKHSA guidance); ${differencing}. ${margins} ${zeros}${rates}`;
    case 'threshold_suppression':
      return `Counts of ${small} are suppressed (${SUPPRESSED_SYMBOL}); ${differencing}. ${margins} ${zeros}${rates}`;
  }
}
