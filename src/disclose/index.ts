/** Statistical disclosure control: the public face of the disclose stage. */
export { protectRelease, type ProtectOptions, type ReleaseMeta } from './protect.ts';
export { auditRelease, type AuditOptions } from './audit.ts';
export type { PublishedRelease } from './published.ts';
export { protectRate, LOW_COUNT_RATE } from './rate.ts';
export { methodStatement } from './statement.ts';
export { SUPPRESSED_SYMBOL, isSensitive } from './knowledge.ts';
export * from './types.ts';
