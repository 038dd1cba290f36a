/**
 * One measurement, in a process of its own so that its peak RSS is its own:
 *   tsx bench/ingest-child.ts csv FILE            bare csv-parse over the file
 *   tsx bench/ingest-child.ts pipeline FILE CONFIG the full ingest (validate → store)
 * Prints one JSON line: { mode, rows, seconds, rowsPerSecond, peakRssMb }.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { loadConfig } from '../src/config/load.ts';
import { closePipelineContext, openPipelineContext } from '../src/pipeline/context.ts';
import { ingestInbox } from '../src/pipeline/ingest.ts';

const [mode, file, configFile] = process.argv.slice(2);
if (!file || (mode !== 'csv' && mode !== 'pipeline')) throw new Error(`Unexpected arguments: ${process.argv.slice(2).join(' ')}`);

const started = process.hrtime.bigint();
let rows = 0;
if (mode === 'csv') {
  for await (const _record of createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }))) rows += 1;
  rows -= 1; // the header
} else {
  if (!configFile) throw new Error('pipeline mode needs a config file');
  const context = openPipelineContext(loadConfig(configFile), { quiet: true, logLevel: 'warn' });
  const summary = await ingestInbox(context, { files: [file] });
  rows = summary.totals.rowsRead;
  closePipelineContext(context);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ mode, rows, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows / seconds), peakRssMb: Math.round(peakRssMb) }));
