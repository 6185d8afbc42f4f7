import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/** Long enough for loadConfig; a test that gives it skips the generated one. */
export const SECRET = 'a-session-secret-of-at-least-32-characters';

/** A directory of the test's own, removed after it. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'charcha-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
