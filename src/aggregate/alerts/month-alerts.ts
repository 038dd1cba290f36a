/**
 * This month's alerts: the whole area, each ward and each premises with
 * history, each assessed by the Farrington-style method in farrington.ts on
 * its monthly counts of ED assault attendances (months with no extract from
 * any site are missing, not zero).
 */
import { z } from 'zod';
import type { StoreDatabase } from '../../store/open.ts';
import { placeholders } from '../count-table.ts';
import type { AreaLsoa } from '../dimensions.ts';
import { monthsEnding } from '../months.ts';
import { attributeToPremises, type PremisesPoint } from '../premises.ts';
import { assessMonth, DEFAULT_ALERT_SETTINGS, type AlertSettings, type MonthAssessment } from './farrington.ts';

export type AlertScope = 'area' | 'ward' | 'premises';

export interface SeriesAlert {
  scope: AlertScope;
  code: string;
  name: string;
  assessment: MonthAssessment;
}

export interface MonthAlerts {
  month: string;
  settings: AlertSettings;
  /** Every series assessed or not, area first, then wards and premises by name. */
  series: SeriesAlert[];
}

/** What the packs print about the method. */
export function alertMethodText(settings: AlertSettings = DEFAULT_ALERT_SETTINGS): string {
  return (
    `Alerts use the improved Farrington method (Farrington et al. 1996; Noufaily et al. 2013) as R's surveillance::farringtonFlexible runs it with the delta threshold, on monthly counts: ` +
    `a quasi-Poisson regression on the same month and the ${settings.halfWindow} months either side in each of up to ${settings.yearsBack} past years (seasonality by comparing like with like), ` +
    `a linear trend only with ${settings.yearsBack} years of history and when significant at ${settings.trendPValue}, past outbreaks down-weighted (Anscombe residuals above ${settings.reweightThreshold}), ` +
    `and a threshold at the upper ${Math.round((1 - settings.alpha) * 100)} % prediction limit on the 2/3-power scale. A month alerts when its count is above the threshold and at least ${settings.minimumCount}. ` +
    `With less than a year of history the previous 6 to 12 months are the baseline, without trend or seasonality. By design about 1 month in 20 alerts by chance in a series with no change.`
  );
}

interface Counted {
  key: string;
  month: string;
  n: number;
}

function seriesOf(counts: Counted[], key: string, months: string[], received: ReadonlySet<string>): Array<number | null> {
  const byMonth = new Map<string, number>();
  for (const count of counts) if (count.key === key) byMonth.set(count.month, (byMonth.get(count.month) ?? 0) + count.n);
  return months.map((month) => (received.has(month) ? (byMonth.get(month) ?? 0) : null));
}

export interface MonthAlertsInput {
  store: StoreDatabase;
  month: string;
  area: AreaLsoa[];
  monthsReceived: ReadonlySet<string>;
  premises: PremisesPoint[] | null;
  settings?: AlertSettings;
}

const monthWardRows = z.array(z.object({ month: z.string(), ward: z.string(), n: z.number().int() }));

export function monthAlerts(input: MonthAlertsInput): MonthAlerts {
  const settings = input.settings ?? DEFAULT_ALERT_SETTINGS;
  const months = monthsEnding(input.month, 12 * settings.yearsBack + settings.halfWindow + 1);
  const k = months.length - 1;
  const rows = monthWardRows.parse(
    input.store
      .prepare(`SELECT assault_month AS month, COALESCE(ward_code, '') AS ward, COUNT(*) AS n FROM current_records WHERE assault_month IN (${placeholders(months.length)}) GROUP BY assault_month, ward_code`)
      .all(...months),
  );
  const series: SeriesAlert[] = [];
  const areaCounts = rows.map((row) => ({ key: 'area', month: row.month, n: row.n }));
  series.push({ scope: 'area', code: 'area', name: 'Whole area', assessment: assessMonth(seriesOf(areaCounts, 'area', months, input.monthsReceived), k, settings) });
  const wards = new Map<string, string>();
  for (const lsoa of input.area) if (lsoa.wardCode) wards.set(lsoa.wardCode, lsoa.wardName ?? lsoa.wardCode);
  for (const row of rows) if (row.ward !== '' && !wards.has(row.ward)) wards.set(row.ward, row.ward);
  const wardCounts = rows.map((row) => ({ key: row.ward, month: row.month, n: row.n }));
  for (const [code, name] of [...wards].sort((a, b) => a[1].localeCompare(b[1]))) {
    series.push({ scope: 'ward', code, name, assessment: assessMonth(seriesOf(wardCounts, code, months, input.monthsReceived), k, settings) });
  }
  if (input.premises && input.premises.length > 0) {
    const attributed = attributeToPremises(input.store, months, input.premises);
    const premisesCounts = attributed.map((assault) => ({ key: assault.premisesId, month: assault.month, n: 1 }));
    const withHistory = new Set(attributed.filter((assault) => assault.month !== input.month).map((assault) => assault.premisesId));
    for (const premises of [...input.premises].filter((p) => withHistory.has(p.id)).sort((a, b) => a.name.localeCompare(b.name))) {
      series.push({ scope: 'premises', code: premises.id, name: premises.name, assessment: assessMonth(seriesOf(premisesCounts, premises.id, months, input.monthsReceived), k, settings) });
    }
  }
  return { month: input.month, settings, series };
}

/** The series that alert this month. */
export function alerting(alerts: MonthAlerts): SeriesAlert[] {
  return alerts.series.filter((entry) => entry.assessment.assessed && entry.assessment.alert);
}
