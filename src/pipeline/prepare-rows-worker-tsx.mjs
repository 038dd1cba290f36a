// Entry point of the row-preparation worker thread when istv runs from its
// TypeScript sources (tests, `npm run istv:dev`). A worker starts with none of the
// parent's module hooks, so it registers tsx itself before loading the code.
// The compiled istv (dist/) starts the compiled prepare-rows-worker.js instead and
// needs no tsx.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-rows-worker.ts');
