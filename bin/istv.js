#!/usr/bin/env node
// The istv command. Runs the TypeScript sources through tsx so that an installed
// checkout needs no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
