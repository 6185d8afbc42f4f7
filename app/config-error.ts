/** A setting that stops start-up; its message names the variable and what it must be. */
export class ConfigError extends Error {}
