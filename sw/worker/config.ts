import type { WorkerConfig } from '../shared/worker-config.ts';

/** Defined by sw/serviceworker.eta as a JSON object just before this bundle. */
declare const CHARCHA_SW_CONFIG: WorkerConfig;

export const config: WorkerConfig = CHARCHA_SW_CONFIG;
