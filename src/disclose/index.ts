/** Statistical disclosure control: the public face of the disclose stage. */
export { protectRelease, type ReleaseMeta } from './protect.ts';
export { auditRelease } from './audit.ts';
export { protectRate, LOW_COUNT_RATE } from './rate.ts';
export { methodStatement } from './statement.ts';
export { SUPPRESSED_SYMBOL, isSensitive } from './knowledge.ts';
export * from './types.ts';
