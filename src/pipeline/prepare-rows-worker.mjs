// Entry point of the row-preparation worker thread. A worker starts with none of
// the parent's module hooks, so it registers tsx itself before loading the code.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-rows-worker.ts');
