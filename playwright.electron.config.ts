// The Electron smoke suite (npm run test:electron): the packaged-to-be app started by Playwright's
// `_electron` on a workstation where Electron's binary is installed. Not part of `npm test` (the build
// machines have no Electron binary).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/electron',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  outputDir: 'test-results/electron-artifacts',
  reporter: [['list']],
});
