import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.ts';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    // A failed test keeps its trace (actions, network, console) and error-context.md its page
    // snapshot; the screencast and per-action DOM snapshots are left out: recording them for every
    // test made specs take up to twice as long (bench/README.md, "Other timings").
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false },
  },
});
