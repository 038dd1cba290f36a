import type { IngestSummary } from '../pipeline/ingest.ts';

/** The ingest summary as a terminal table: one line a file, then the totals that must add up. */
export function formatIngestSummary(summary: IngestSummary): string {
  const lines: string[] = [];
  const notes: string[] = [];
  if (summary.waiting.length > 0) notes.push(`${summary.waiting.length} file(s) still being written (not claimed until unchanged for intake.settleSeconds, or a <name>.done marker is added): ${summary.waiting.join(', ')}`);
  if (summary.changed.length > 0) notes.push(`${summary.changed.length} file(s) changed while being read; not stored, claimed again once complete: ${summary.changed.join(', ')}`);
  if (summary.notRegular.length > 0) notes.push(`${summary.notRegular.length} inbox entr(y/ies) not a regular file, never read: ${summary.notRegular.join(', ')}`);
  if (summary.files.length === 0 && summary.failed.length === 0) return [notes.length > 0 ? 'Nothing ingested.' : 'Nothing to ingest: the inbox is empty.', ...notes].join('\n');
  for (const file of summary.files) {
    const where = file.siteCode ? ` ${file.siteCode} ${file.period ?? ''}${file.version ? ` v${file.version}` : ''}` : '';
    const counts = file.rowsRead > 0 ? `  read ${file.rowsRead}, accepted ${file.rowsAccepted}, rejected ${file.rowsRejected}` : '';
    lines.push(`${file.outcome.padEnd(11)} ${file.file}${where}${counts}${file.reason ? `\n            ${file.reason}` : ''}${file.flag ? `\n            check: ${file.flag}` : ''}`);
  }
  for (const failure of summary.failed) lines.push(`${'failed'.padEnd(11)} ${failure.file}\n            ${failure.error}`);
  const t = summary.totals;
  lines.push('');
  lines.push(`${t.files} file(s): rows read ${t.rowsRead} = accepted ${t.rowsAccepted} + rejected ${t.rowsRejected}; ${t.quarantined} quarantined, ${t.duplicates} duplicate(s).`);
  if (notes.length > 0) lines.push('', ...notes);
  return lines.join('\n');
}
