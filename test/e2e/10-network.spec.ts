// Settings → Network and Check connection in Chromium against web mode and the built-in sandbox: the
// proxy modes, a manual proxy whose password goes to the keychain and is never shown back, the extra
// CA file (a root made by openssl at test time) checked by main, the check's report line by line with
// "Copy report", and the way from the failed-sync banner to the check when the API address cannot be reached.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makeTestCa, type TestCa } from '../net/test-ca';
import { expectAccessible } from './support/a11y';
import { freshApp } from './support/app';
import { snap } from './support/screenshots';
import { openScreen } from './support/ui';

const app = freshApp('network');
const PASSWORD = 'Pr0xy-e2e-pa55word';
let ca: TestCa;

test.beforeAll(() => {
  ca = makeTestCa();
});
test.afterAll(() => {
  ca?.remove();
});

const network = (page: Page) => page.getByRole('region', { name: 'Network' });
const report = (page: Page) => page.getByRole('table', { name: 'Connection check, step by step' });
const save = (page: Page) => page.getByRole('button', { name: 'Save changes' });

/** The Network section from its heading down, in a taller window (the app scrolls inside its main area). */
async function snapSection(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: size.width, height: 1500 });
  await page.getByRole('heading', { level: 2, name: 'Network' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await snap(page, name);
  await page.setViewportSize(size);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('Network settings: system default, and Check connection against the sandbox with the report copied', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app().origin });
  await page.goto(app().url);
  await page.getByRole('button', { name: 'Try with the local sandbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connectivity test' })).toBeVisible();
  await openScreen(page, 'Settings');

  const section = network(page);
  await expect(section.getByRole('radio', { name: /System default/ })).toBeChecked();
  // Web mode: "system" means the environment's HTTPS_PROXY / NO_PROXY, and the page says so.
  await expect(section.getByText(/HTTPS_PROXY, HTTP_PROXY and NO_PROXY/)).toBeVisible();
  // The extra CA file is a typed path in web mode (no native dialog), and the OS store's state is stated.
  await expect(section.getByLabel('Extra CA file (optional)')).toHaveAccessibleDescription(/system certificate store/);
  await expect(section.getByRole('button', { name: 'Choose file…' })).toHaveCount(0);
  await section.scrollIntoViewIfNeeded();
  await snap(page, 'network-settings-system');
  await expectAccessible(page, 'Settings → Network');

  const check = section.getByRole('button', { name: 'Check connection' });
  await check.click();
  await expect(section.getByText('The connection works')).toBeVisible();
  const rows = report(page).getByRole('row');
  // Header + one line per step, each with its result and time.
  await expect(rows).toHaveCount(7);
  await expect(report(page).getByRole('row', { name: /^Proxy decision/ })).toContainText(/Passed.*\d+ ms.*Direct, no proxy \(this computer is always reached directly\)/);
  await expect(report(page).getByRole('row', { name: /^Name resolution/ })).toContainText('Passed');
  await expect(report(page).getByRole('row', { name: /^TCP connection/ })).toContainText('Passed');
  await expect(report(page).getByRole('row', { name: /^Proxy tunnel/ })).toContainText('Not run');
  await expect(report(page).getByRole('row', { name: /^TLS certificate/ })).toContainText('plain http');
  await expect(report(page).getByRole('row', { name: /^HTTP answer/ })).toContainText(/Passed.*\d+ ms.*answered HTTP \d{3}/);

  await section.getByRole('button', { name: 'Copy report' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Report copied to the clipboard.' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^ECHA S2S Desktop: connection check\n/);
  expect(copied).toMatch(/Result: works\./);
  expect(copied).toMatch(/^OK {3}HTTP answer from the API \(\d+ ms\): /m);
  // The demo key never travels in the check, so it cannot be in the report.
  expect(copied).not.toMatch(/Bearer|apiKey|eyJ/);
  await section.getByRole('heading', { name: 'Check connection' }).scrollIntoViewIfNeeded();
  await snapSection(page, 'network-check-passed');
  await expectAccessible(page, 'Check connection report');
});

test('manual proxy: inline checks, the password goes to the keychain and is never shown back; extra CA file checked by main', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'Settings');
  const section = network(page);
  await section.getByRole('radio', { name: /Manual proxy/ }).check();
  const address = section.getByLabel('Proxy address');
  await address.fill('proxy.example.com:3128');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/Start the address with http:\/\//);
  await expect(save(page)).toBeDisabled();
  // A password without a user is refused before anything is sent.
  await address.fill('http://127.0.0.1:3128');
  await section.getByLabel('Proxy password', { exact: true }).fill(PASSWORD);
  await expect(section.getByLabel('Proxy user (optional)')).toHaveAccessibleDescription(/Enter the proxy user that goes with the password/);
  await section.getByLabel('Proxy user (optional)').fill('consultant');
  // The check runs with the saved settings: unsaved changes are pointed out.
  await expect(section.getByRole('note').filter({ hasText: 'unsaved changes' })).toBeVisible();
  // A CA file main refuses: its reason comes back on the field.
  const caField = section.getByLabel('Extra CA file (optional)');
  await caField.fill(join(ca.dir, 'leaf.pem'));
  await save(page).click();
  await expect(caField).toHaveAttribute('aria-invalid', 'true');
  await expect(caField).toHaveAccessibleDescription(/not a certificate authority/);
  await snapSection(page, 'network-settings-refused-ca');
  await expectAccessible(page, 'Settings → Network with a refused CA file');

  await caField.fill(ca.caPath);
  await save(page).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved\./ })).toBeVisible();
  await expect(caField).toHaveAccessibleDescription(/Trusted from this file: Test Inspection Root CA/);
  const password = section.getByLabel('Proxy password', { exact: true });
  await expect(password).toHaveValue('');
  await expect(password).toHaveAccessibleDescription(/A password is stored in the system keychain \(not shown\)/);
  await expect(section.getByRole('note').filter({ hasText: 'unsaved changes' })).toHaveCount(0);

  // After a reload main answers what is stored: no password, only that one exists.
  await page.reload();
  await openScreen(page, 'Settings');
  await expect(section.getByLabel('Proxy address')).toHaveValue('http://127.0.0.1:3128');
  await expect(section.getByLabel('Proxy user (optional)')).toHaveValue('consultant');
  await expect(section.getByLabel('Proxy password', { exact: true })).toHaveValue('');
  await expect(section.getByLabel('Remove the stored proxy password')).not.toBeChecked();
  expect(await page.content()).not.toContain(PASSWORD);
  await section.scrollIntoViewIfNeeded();
  await snapSection(page, 'network-settings-manual');
  await expectAccessible(page, 'Settings → Network, manual proxy');

  // The sandbox is on this computer: reached directly even with a manual proxy, as the report says.
  await section.getByRole('button', { name: 'Check connection' }).click();
  await expect(report(page).getByRole('row', { name: /^Proxy decision/ })).toContainText('this computer is always reached directly');
  await expect(section.getByText('The connection works')).toBeVisible();

  // Nothing under the data folder holds the password (settings file, ledger, logs).
  for (const file of filesUnder(app().dataDir)) expect(readFileSync(file).includes(PASSWORD), file).toBe(false);

  // Back to the default, the stored password removed.
  await section.getByLabel('Remove the stored proxy password').check();
  await section.getByRole('radio', { name: /System default/ }).check();
  await caField.fill('');
  await save(page).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved\./ })).toBeVisible();
  await expect(section.getByRole('radio', { name: /System default/ })).toBeChecked();
});

test('from a failed test step and from the failed-sync banner to Check connection when the API address does not answer', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'Settings');
  const entityName = await page.getByLabel('Display name').inputValue();
  // Point the entity at a port on this computer where nothing listens.
  await page.getByText('Advanced: API address').click();
  const apiAddress = page.getByLabel('API address');
  const original = await apiAddress.inputValue();
  await apiAddress.fill('http://127.0.0.1:9/submission');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();

  // A network error in the connectivity test offers the check.
  await page.getByRole('button', { name: /Tests & go-live/ }).click();
  await page.getByRole('button', { name: 'Run the connectivity test' }).click();
  const failed = page.locator('[data-state="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed.getByRole('button', { name: 'Check connection' })).toBeVisible();
  await snap(page, 'connectivity-failed-check-link');
  await expectAccessible(page, 'connectivity test failed with Check connection');

  // After a sync that cannot reach the API (integration mode: connectivity is not synced): not
  // "offline" (the network works, nothing listens there), but the failed sync named with its entity.
  await page.getByRole('banner').getByRole('button', { name: 'Change mode' }).click();
  const dialog = page.getByRole('dialog', { name: /^Mode for / });
  await dialog.getByLabel(/Integration test/).check();
  await dialog.getByRole('button', { name: 'Switch mode' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('banner').getByRole('button', { name: 'Sync now' }).click();
  const banner = page.locator('.banner--warning').filter({ hasText: /^Syncing / });
  await expect(banner.getByRole('status')).toContainText(`Syncing ${entityName} failed: Nothing answers at 127.0.0.1:9 on this computer: the local sandbox is not running there`);
  await expect(page.locator('.banner--offline')).toHaveCount(0);
  await expect(page.getByText('Offline.')).toHaveCount(0);
  const link = banner.getByRole('button', { name: 'Check connection' });
  await expect(link).toBeVisible();
  await snap(page, 'sync-failed-banner-check-link');
  await expectAccessible(page, 'failed-sync banner with Check connection');

  // Keyboard: the banner's button is in the tab order and opens the check, which runs at once.
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check connection' })).toBeFocused();
  await expect(page.getByText('The connection does not work')).toBeVisible();
  await expect(report(page).getByRole('row', { name: /^TCP connection/ })).toContainText(/Failed.*127\.0\.0\.1:9 did not accept a connection \(ECONNREFUSED\)/);
  await expect(report(page).getByRole('row', { name: /^HTTP answer/ })).toContainText('Not run');
  await snapSection(page, 'network-check-failed');
  await expectAccessible(page, 'Check connection, failed');

  // Put the sandbox address back: the next sync works and the banner goes.
  await page.getByText('Advanced: API address').click();
  await page.getByLabel('API address').fill(original);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'Sync now' }).click();
  await expect(banner).toHaveCount(0);
});
