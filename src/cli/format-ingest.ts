import type { IngestSummary } from '../pipeline/ingest.ts';

/** The ingest summary as a terminal table: one line a file, then the totals that must add up. */
export function formatIngestSummary(summary: IngestSummary): string {
  const lines: string[] = [];
  if (summary.files.length === 0 && summary.failed.length === 0) return 'Nothing to ingest: the inbox is empty.';
  for (const file of summary.files) {
    const where = file.siteCode ? ` ${file.siteCode} ${file.period ?? ''}${file.version ? ` v${file.version}` : ''}` : '';
    const counts = file.rowsRead > 0 ? `  read ${file.rowsRead}, accepted ${file.rowsAccepted}, rejected ${file.rowsRejected}` : '';
    lines.push(`${file.outcome.padEnd(11)} ${file.file}${where}${counts}${file.reason ? `\n            ${file.reason}` : ''}`);
  }
  for (const failure of summary.failed) lines.push(`${'failed'.padEnd(11)} ${failure.file}\n            ${failure.error}`);
  const t = summary.totals;
  lines.push('');
  lines.push(`${t.files} file(s): rows read ${t.rowsRead} = accepted ${t.rowsAccepted} + rejected ${t.rowsRejected}; ${t.quarantined} quarantined, ${t.duplicates} duplicate(s).`);
  return lines.join('\n');
}
