export interface ServedWorkerConfig {
  version: string;
  precache: string[];
  offlinePage: string;
  pageCache: { maxEntries: number; maxAgeMs: number };
  networkTimeoutMs: number;
}

/** The config object rendered into /serviceworker.js, read back from the script itself. */
export function configInScript(script: string): ServedWorkerConfig {
  const json = script.match(/const CHARCHA_SW_CONFIG = (\{[\s\S]*?\n\});/)?.[1];
  if (!json) throw new Error('no CHARCHA_SW_CONFIG in the worker script');
  return JSON.parse(json) as ServedWorkerConfig;
}
