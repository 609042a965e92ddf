// Electron smoke suite (npm run test:electron, on a workstation with Electron's binary): the real app
// starts, its one window has the hardened preferences and our own bundle, the contract answers through
// the preload, a connectivity test against the local sandbox passes, and closing while an upload is
// held asks the quit question. Native dialogs cannot be clicked by Playwright: the test answers them by
// replacing dialog.showMessageBox (and showOpenDialog) in the main process and records what was asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'echa-s2s-electron-'));
  app = await electron.launch({
    executablePath: process.env.ECHA_S2S_ELECTRON_BINARY,
    args: [process.cwd(), `--user-data-dir=${userData}`],
    env: { ...process.env, ECHA_S2S_LOG_LEVEL: 'debug' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.evaluate(({ app: a }) => a.exit(0)).catch(() => undefined);
  rmSync(userData, { recursive: true, force: true });
});

test('starts with one window showing our own bundle, with the hardened preferences', async () => {
  expect(page.url()).toMatch(/^app:\/\/renderer\//);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(await app.evaluate(({ app: a }) => a.commandLine.hasSwitch('enable-sandbox'))).toBe(true);
  // No Node in the page (nodeIntegration off, sandboxed preload), only the contract's methods.
  const page_ = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: Object.keys((window as unknown as { api: object }).api).includes('getAppInfo'),
  }));
  expect(page_).toEqual({ require: 'undefined', process: 'undefined', api: true });
});

test('the contract answers through the preload', async () => {
  const info = await page.evaluate(() => (window as unknown as { api: { getAppInfo(): Promise<{ ok: boolean; value: { host: string } }> } }).api.getAppInfo());
  expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
});

test('a connectivity test against the local sandbox passes', async () => {
  await page.getByRole('button', { name: 'Try with the local sandbox' }).click();
  await page.getByRole('button', { name: 'Run the connectivity test' }).click();
  await expect(page.getByText('Connectivity test passed')).toBeVisible({ timeout: 90_000 });
});

test('closing the window with a dossier in the outbox asks the quit question; Cancel keeps the app', async () => {
  const sample = join(process.cwd(), 'assets', 'sample-dossiers', 'sample-pcn.i6z');
  await app.evaluate(async ({ dialog }, path) => {
    const g = globalThis as unknown as { asked: unknown[] };
    g.asked = [];
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
    dialog.showMessageBox = (async (...a: unknown[]) => {
      g.asked.push(a.length > 1 ? a[1] : a[0]);
      return { response: 2, checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
  }, sample);
  // Queue the sample dossier for the active entity (not sent): the quit policy names it.
  const queued = await page.evaluate(async () => {
    type R = { ok: boolean; value: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const api = (window as unknown as { api: Record<string, (a?: unknown) => Promise<R>> }).api;
    const { value: profiles } = await api.listProfiles!();
    const profile = profiles.profiles.find((p: { id: string }) => p.id === profiles.activeProfileId);
    const picked = await api.pickDossiers!({ multiple: false });
    const r = await api.queueDossiers!({ target: { profileId: profile.id, mode: profile.mode }, fileRefs: [picked.value.accepted[0].fileRef] });
    return r.ok;
  });
  expect(queued).toBe(true);
  // Windows/Linux: closing the window quits, so it asks; macOS: closing keeps the app in the Dock, Cmd+Q asks.
  if (process.platform === 'darwin') await app.evaluate(({ app: a }) => a.quit());
  else await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as { asked: unknown[] }).asked.length)).toBe(1);
  const asked = await app.evaluate(() => (globalThis as unknown as { asked: { message: string; detail: string; buttons: string[] }[] }).asked);
  expect(asked[0]!.message).toBe('Quit ECHA S2S Desktop?');
  expect(asked[0]!.detail).toContain('A dossier is queued in the outbox');
  expect(asked[0]!.buttons).toEqual(expect.arrayContaining(['Quit anyway', 'Cancel']));
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed()).length)).toBe(1);
});
