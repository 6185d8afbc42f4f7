/** The seeders: a deterministic demo forum for new databases, and bulk data for benchmarks. */
export { type BulkOptions, type BulkPhase, type BulkResult, seedBulk } from './seed/bulk.ts';
export { DEMO_PASSWORD, DEMO_USERNAMES, seedDemo } from './seed/demo.ts';
