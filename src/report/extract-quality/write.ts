/**
 * The data-quality report sent back to the hospital for one extract, as JSON
 * (for their systems) and self-contained HTML (for the people who fix the
 * extract). Counts, shares, field names and line numbers only: no value from the
 * file appears, so the report is safe to email.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataQuality } from '../../validate/data-quality.ts';
import { CANONICAL_COLUMNS } from '../../../schemas/columns.ts';

export interface ExtractQualityReport {
  site: { code: string; name: string };
  period: string;
  file: string;
  /** Null when the file was refused (every row rejected): nothing of it was stored. */
  extractId: number | null;
  version: number | null;
  /** Why the file was refused, when it was. */
  refusal?: string;
  ingestedAt: string;
  supersedes: number | null;
  quality: DataQuality;
  /** The first rejected and warned rows (line, field, code, message), capped for readability. */
  sampleIssues: Array<{ line: number; field: string | null; code: string; message: string; severity: string }>;
  issueCount: number;
}

function share(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain words for what the scrubber removed; a postcode in a location is not an identifier, only too precise to keep. */
const SCRUBBED_LABELS: Record<string, string> = {
  nhs_number: 'NHS numbers',
  hospital_number: 'hospital numbers',
  phone: 'phone numbers',
  email: 'email addresses',
  date_of_birth: 'dates of birth',
  private_address: 'private addresses (recorded as home)',
  person_name: 'names of people',
  full_postcode: 'full postcodes (used to locate, then cut to their sector)',
};

const PLACED = new Set(['premises', 'landmark', 'junction', 'street', 'postcode', 'postcode_sector', 'area']);

export function renderExtractQualityHtml(report: ExtractQualityReport): string {
  const q = report.quality;
  const rows = (pairs: Array<[string, string | number]>) => pairs.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`).join('');
  const geocoded = Object.entries(q.geocodeOutcomes).filter(([o]) => PLACED.has(o)).reduce((sum, [, n]) => sum + n, 0);
  const completeness = CANONICAL_COLUMNS.map((field) => {
    const n = q.completeness[field] ?? 0;
    const pct = q.rowsAccepted === 0 ? 0 : (100 * n) / q.rowsAccepted;
    return `<tr><th><code>${field}</code></th><td>${n}</td><td>${share(n, q.rowsAccepted)}</td><td><span class="bar" style="width:${pct.toFixed(0)}px"></span></td></tr>`;
  }).join('');
  const rejects = Object.entries(q.rejectsByReason).sort((a, b) => b[1] - a[1]).map(([code, n]) => `<tr><th><code>${escapeHtml(code)}</code></th><td>${n}</td></tr>`).join('') || '<tr><td colspan="2">No row was rejected.</td></tr>';
  const byField = Object.entries(q.issuesByField).flatMap(([field, codes]) => Object.entries(codes).map(([code, n]) => `<tr><th><code>${escapeHtml(field)}</code></th><td><code>${escapeHtml(code)}</code></td><td>${n}</td></tr>`)).join('') || '<tr><td colspan="3">None.</td></tr>';
  const outcomes = Object.entries(q.geocodeOutcomes).sort((a, b) => b[1] - a[1]).map(([o, n]) => `<tr><th>${escapeHtml(o)}</th><td>${n}</td><td>${share(n, q.rowsAccepted)}</td></tr>`).join('');
  const scrubbed = Object.entries(q.identifiersScrubbed).map(([k, n]) => `<tr><th>${escapeHtml(SCRUBBED_LABELS[k] ?? k)}</th><td>${n}</td></tr>`).join('');
  const issues = report.sampleIssues.map((i) => `<tr class="${i.severity}"><td>${i.line}</td><td><code>${escapeHtml(i.field ?? '(row)')}</code></td><td>${escapeHtml(i.severity)}</td><td><code>${escapeHtml(i.code)}</code></td><td>${escapeHtml(i.message)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Data quality: ${escapeHtml(report.site.name)} ${report.period}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
th{font-weight:600}.bar{display:inline-block;height:.7rem;background:#2b6cb0}.error td{background:#fff1f0}.warning td{background:#fffbe6}
.summary{display:flex;gap:1rem;flex-wrap:wrap}.summary div{border:1px solid #ddd;border-radius:.4rem;padding:.6rem 1rem}.summary b{display:block;font-size:1.4rem}
.note{color:#555;font-size:.9rem}
</style></head><body>
<h1>Data-quality report: ${escapeHtml(report.site.name)} (${escapeHtml(report.site.code)}), ${report.period}</h1>
${report.extractId === null
    ? `<p><strong>This file was refused and nothing of it was stored: ${escapeHtml(report.refusal ?? 'no row could be accepted')}</strong> Please fix the rows listed below and send the file again.</p>
<p class="note">File <code>${escapeHtml(report.file)}</code>, read ${escapeHtml(report.ingestedAt)}. This report holds counts, column names and line numbers only; no value from the file is repeated in it.</p>`
    : `${q.rowsRead === 0 ? '<p><strong>A nil return: the file has a header and no rows, recorded as no assault attendances this month.</strong> If there were any, please send the extract again.</p>\n' : ''}<p class="note">File <code>${escapeHtml(report.file)}</code>, extract ${report.extractId} version ${report.version}${report.supersedes ? ` (replaces extract ${report.supersedes})` : ''}, ingested ${escapeHtml(report.ingestedAt)}. This report holds counts, column names and line numbers only; no value from the file is repeated in it.</p>`}
<div class="summary">
<div><b>${q.rowsRead}</b>rows read</div><div><b>${q.rowsAccepted}</b>accepted</div><div><b>${q.rowsRejected}</b>rejected</div>
<div><b>${share(geocoded, q.rowsAccepted)}</b>located (geocoded)</div><div><b>${share(q.locationBlank + q.locationUnknown, q.rowsAccepted)}</b>location blank or unknown</div>
</div>
<p>Rows read = accepted + rejected: ${q.rowsRead} = ${q.rowsAccepted} + ${q.rowsRejected}.</p>
<h2>Why rows were rejected</h2><table>${rejects}</table>
<h2>Problems by column</h2><table><tr><th>column</th><th>problem</th><th>rows</th></tr>${byField}</table>
<h2>Completeness of each field (accepted rows)</h2><table><tr><th>field</th><th>rows</th><th>share</th><th></th></tr>${completeness}</table>
<h2>Location</h2><table>${rows([
    ['blank location text', `${q.locationBlank} (${share(q.locationBlank, q.rowsAccepted)})`],
    ['"unknown" or similar', `${q.locationUnknown} (${share(q.locationUnknown, q.rowsAccepted)})`],
    ['weapon known', `${q.weaponKnown} (${share(q.weaponKnown, q.rowsAccepted)})`],
    ['impossible or doubtful times', q.impossibleTimes],
  ])}</table>
<h2>Geocoding outcomes</h2><table><tr><th>outcome</th><th>rows</th><th>share</th></tr>${outcomes}</table>
<h2>Identifiers found and removed</h2>
<p>${q.identifierColumnsDropped.length > 0 ? `Identifying columns dropped before storage: ${q.identifierColumnsDropped.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ')}. Please stop sending them.` : 'No identifying column was sent.'}</p>
${scrubbed ? `<p>Removed from free-text fields before storage:</p><table>${scrubbed}</table>` : '<p>No identifier-like text was found in free-text fields.</p>'}
<p>${q.columnsDropped.length > 0 ? `Columns outside the contract, dropped: ${q.columnsDropped.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ')}.` : 'Every column belonged to the contract.'}</p>
<h2>Rows to check (first ${report.sampleIssues.length} of ${report.issueCount})</h2>
<table><tr><th>line</th><th>column</th><th>severity</th><th>problem</th><th>what to fix</th></tr>${issues || '<tr><td colspan="5">None.</td></tr>'}</table>
</body></html>
`;
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

/**
 * Writes reports/data-quality/<SITE>/<PERIOD>-v<N>.{json,html}, or, for a
 * refused file, <PERIOD>-refused-<when read>.{json,html}; returns the two paths.
 */
export function writeExtractQualityReport(reportsFolder: string, report: ExtractQualityReport): { json: string; html: string } {
  const stem = report.version === null ? `${report.period}-refused-${report.ingestedAt.replace(/[^0-9]/g, '').slice(0, 14)}` : `${report.period}-v${report.version}`;
  const base = path.join(reportsFolder, 'data-quality', report.site.code, stem);
  writeAtomically(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(`${base}.html`, renderExtractQualityHtml(report));
  return { json: `${base}.json`, html: `${base}.html` };
}
