/**
 * The Cache Storage names: the worker writes these caches and the page reads the pages cache
 * (the offline page lists what is saved), so both take the names from here.
 */

/** Saved pages outlive deploys, so this name never contains the worker version. */
export const PAGES_CACHE = 'charcha-pages-v1';
/** Hashed assets that saved pages still refer to after a deploy replaced the precache. */
export const ASSETS_CACHE = 'charcha-assets-v1';
/** One precache per worker version: `charcha-precache-<version>`. */
export const PRECACHE_PREFIX = 'charcha-precache-';
/** This device's choices (read-ahead on or off) and what read-ahead last did: they outlive deploys too. */
export const SETTINGS_CACHE = 'charcha-settings-v1';
