#!/usr/bin/env node
// The istv command: runs the compiled JavaScript in dist/, which `npm install`
// builds (the package's prepare script) and `npm run build` rebuilds. No
// TypeScript loader runs here; from the sources, use `npm run istv:dev`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('istv: not built yet (no dist/): run `npm run build` in the istv folder, or `npm install`, which builds it.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
