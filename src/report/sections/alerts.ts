/**
 * Alerts in the packs and in reports/YYYY-MM/alerts.json: which series (the
 * whole area, wards, premises) have a count this month above what their past
 * predicts (see src/aggregate/alerts). The observed count is shown as the
 * pack's disclosure policy publishes it, from a table of this month's count
 * of every series assessed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { alertMethodText, alerting, type AlertScope, type MonthAlerts, type SeriesAlert } from '../../aggregate/alerts/month-alerts.ts';
import { tableFromCounts } from '../../aggregate/count-table.ts';
import type { CountTable, ProtectedRelease } from '../../disclose/types.ts';
import { significantNumbers } from '../figures.ts';
import type { PackFile } from '../pack.ts';
import { ProtectedTableIndex, findTable } from '../protected-table.ts';
import { html, type Html } from '../render/html.ts';

export const ALERTS_TABLE = 'alerts-this-month';

const key = (entry: SeriesAlert) => `${entry.scope}:${entry.code}`;

function shown(alerts: MonthAlerts, scopes: readonly AlertScope[]): SeriesAlert[] {
  return alerts.series.filter((entry) => scopes.includes(entry.scope) && entry.assessment.observed !== null);
}

/** This month's count of every series the pack may show, for disclosure control. */
export function alertsTable(alerts: MonthAlerts, scopes: readonly AlertScope[]): CountTable {
  const series = shown(alerts, scopes);
  return tableFromCounts(
    ALERTS_TABLE,
    `Assault attendances this month in each series checked for alerts`,
    [{ name: 'series', label: 'Series', values: series.map(key), valueLabels: Object.fromEntries(series.map((entry) => [key(entry), entry.name])) }],
    series.map((entry) => ({ keys: { series: key(entry) }, count: entry.assessment.observed ?? 0 })),
  );
}

const SCOPE_LABEL: Record<AlertScope, string> = { area: 'Whole area', ward: 'Ward', premises: 'Premises' };

export function renderAlertsSection(alerts: MonthAlerts | undefined, scopes: readonly AlertScope[], release: ProtectedRelease): Html {
  if (!alerts) return html``;
  const index = new ProtectedTableIndex(findTable(release.tables, ALERTS_TABLE));
  const series = shown(alerts, scopes);
  const raised = alerting(alerts).filter((entry) => scopes.includes(entry.scope));
  const assessed = series.filter((entry) => entry.assessment.assessed).length;
  const notAssessed = series.length - assessed;
  return html`<section data-section="alerts"><h2>Alerts: counts above what the past predicts</h2>
${raised.length === 0
  ? html`<p data-alerts="0">No alert this month: none of the ${String(assessed)} series checked (${scopes.map((scope) => SCOPE_LABEL[scope].toLowerCase()).join(', ')}) is above its threshold.</p>`
  : html`<table data-alerts="${String(raised.length)}"><caption>Alerts this month</caption><thead><tr><th>Series</th><th>Name</th><th>This month</th><th>Expected</th><th>Threshold</th></tr></thead><tbody>${raised.map((entry) =>
      entry.assessment.assessed
        ? html`<tr class="flag"><td>${SCOPE_LABEL[entry.scope]}</td><th class="row">${entry.name}</th><td>${index.display({ series: key(entry) })}</td><td>${entry.assessment.expected.toFixed(1)}</td><td>${entry.assessment.threshold.toFixed(1)}</td></tr>`
        : html``,
    )}</tbody></table>`}
${notAssessed > 0 ? html`<p class="small">${String(notAssessed)} series could not be assessed this month (too little history, or no data for the month).</p>` : ''}
<p class="small">${alertMethodText(alerts.settings)}</p>
</section>`;
}

/** reports/YYYY-MM/alerts.json: every series checked, with its assessment. */
export function alertsJson(alerts: MonthAlerts, generatedAt: string): PackFile {
  const raised = alerting(alerts);
  return {
    path: 'alerts.json',
    content: `${JSON.stringify(
      {
        month: alerts.month,
        generatedAt,
        method: alertMethodText(alerts.settings),
        settings: alerts.settings,
        alerts: raised.map((entry) => ({ scope: entry.scope, code: entry.code, name: entry.name, ...entry.assessment })),
        series: alerts.series.map((entry) => ({ scope: entry.scope, code: entry.code, name: entry.name, ...entry.assessment })),
      },
      significantNumbers,
      2,
    )}\n`,
  };
}

export interface PublishedAlert {
  scope: AlertScope;
  code: string;
  name: string;
  observed: number;
  expected: number;
  threshold: number;
}

/** The alerts of the latest month published under `reportsDirectory` (its alerts.json), or null when none is. */
export function latestPublishedAlerts(reportsDirectory: string): { month: string; alerts: PublishedAlert[] } | null {
  if (!existsSync(reportsDirectory)) return null;
  const months = readdirSync(reportsDirectory).filter((name) => /^\d{4}-\d{2}$/.test(name)).sort().reverse();
  for (const month of months) {
    const file = path.join(reportsDirectory, month, 'alerts.json');
    if (!existsSync(file)) continue;
    const parsed = publishedAlertsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { month, alerts: parsed.data.alerts };
  }
  return null;
}

const publishedAlertsSchema = z.object({
  alerts: z.array(z.object({ scope: z.enum(['area', 'ward', 'premises']), code: z.string(), name: z.string(), observed: z.number(), expected: z.number(), threshold: z.number() })),
});
