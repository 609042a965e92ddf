// Desktop operations in web mode: Settings → Support saves the diagnostics bundle (a real browser
// download of GET /api/diagnostics), which is unzipped and searched, as bytes, for the entity's key,
// the bytes it decodes to (as text, hex and Base64) and anything shaped like a JWT: none may be there.
// Then the copy actions that work without a context menu: "Copy submission number" / "Copy dossier
// UUID" on a history row (mouse, and Ctrl+C / Ctrl+Shift+C on the focused row) and in the detail view,
// read back from Chromium's clipboard.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from '../fixtures/unzip';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { entityButton, historyRow, openScreen } from './support/ui';

const app = freshApp('desktop-ops');
const sandbox = e2eSandbox();
const DECODED = `RECOGNISABLE-e2e-bundle-key-${randomBytes(12).toString('hex')}`;
const entity = { ...newLegalEntity('Support Bundle Oy'), apiKey: Buffer.from(DECODED, 'utf8').toString('base64url') };
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/;

test.beforeAll(async () => {
  await sandbox.addLegalEntity(entity);
  // A passed connectivity test: the key was read from the keychain, a token signed and used.
  await new AppApi(app()).readyProfile(entity);
});

test('Settings → Support saves a diagnostics bundle that holds no key, in any form, and no JWT', async ({ page }) => {
  await page.goto(app().url);
  await expect(entityButton(page)).toContainText(entity.name);
  await openScreen(page, 'Settings');
  const support = page.getByRole('region', { name: 'Support' });
  await support.scrollIntoViewIfNeeded();
  await snap(page, 'settings-support');
  await expectAccessible(page, 'settings (support)');

  const download = page.waitForEvent('download');
  await support.getByRole('button', { name: 'Save diagnostics…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^echa-s2s-diagnostics-\d{4}-\d{2}-\d{2}-\d{4}\.zip$/);
  const dir = join(process.cwd(), 'test-results', 'e2e-downloads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  await expect(support.getByRole('status')).toHaveText(`Saved ${file.suggestedFilename()}.`);
  await expect(page.getByText('Diagnostics saved')).toBeVisible();

  const entries = unzipSync(path);
  const names = entries.map((e) => e.name);
  for (const expected of ['README.txt', 'app.json', 'settings.json', 'profiles.json', 'keychain.json', 'network.json', 'ledger.json', 'crash-dumps.json']) {
    expect(names).toContain(expected);
  }
  expect(names.some((n) => /^logs\/app(\.\d+)?\.log$/.test(n))).toBe(true);
  const text = (name: string) => entries.find((e) => e.name === name)!.data.toString('utf8');
  expect(JSON.parse(text('app.json'))).toMatchObject({ host: 'web', version: 'e2e' });
  const profiles = JSON.parse(text('profiles.json')) as { profiles: { displayName: string; keyStored: boolean }[] };
  expect(profiles.profiles).toContainEqual(expect.objectContaining({ displayName: entity.name, keyStored: true }));

  const decoded = Buffer.from(DECODED, 'utf8');
  const forbidden = [entity.apiKey, DECODED, decoded.toString('hex'), decoded.toString('base64'), decoded.toString('base64').replace(/=+$/, '')];
  for (const e of entries) {
    for (const form of forbidden) expect(e.data.includes(Buffer.from(form)), `${e.name} holds a form of the key`).toBe(false);
    expect(JWT_SHAPE.test(e.data.toString('latin1')), `${e.name} holds a JWT`).toBe(false);
  }
});

test('copy the submission number and the dossier UUID from a history row and from the detail view', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app().origin });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const api = new AppApi(app());
  // The entity's only submissions are its connectivity-test dummies, which History shows when asked.
  const history = await api.call('queryHistory', { filter: { modeKinds: ['connectivity'] }, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 10 } });
  const submission = history.rows.find((r) => r.dossierUuid !== null)!;
  expect(submission, 'the connectivity test left a submission with a dossier UUID').toBeDefined();

  await page.goto(app().url);
  await openScreen(page, 'History');
  await page.getByRole('button', { name: 'Include connectivity tests' }).click();
  const row = historyRow(page, submission.submissionNumber);
  await expect(row).toHaveCount(1);
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await row.getByRole('button', { name: `Copy submission number ${submission.submissionNumber}` }).click();
  await expect.poll(clipboard).toBe(submission.submissionNumber);
  // Copying is not opening: still on the history.
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await row.getByRole('button', { name: `Copy dossier UUID ${submission.dossierUuid}` }).click();
  await expect.poll(clipboard).toBe(submission.dossierUuid);
  await snap(page, 'history-copy-actions');
  await expectAccessible(page, 'history (copy actions)');

  // The keyboard: the focused row copies its number with Ctrl+C and its dossier UUID with Ctrl+Shift+C.
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await row.focus();
  await page.keyboard.press('Control+C');
  await expect.poll(clipboard).toBe(submission.submissionNumber);
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(clipboard).toBe(submission.dossierUuid);

  await row.click();
  await expect(page.getByRole('heading', { level: 1, name: `Submission ${submission.submissionNumber}` })).toBeVisible();
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await page.getByRole('button', { name: 'Copy dossier UUID' }).click();
  await expect.poll(clipboard).toBe(submission.dossierUuid);
  await page.getByRole('button', { name: 'Copy submission number' }).click();
  await expect.poll(clipboard).toBe(submission.submissionNumber);
  await snap(page, 'detail-copy-actions');
  await expectAccessible(page, 'submission detail (copy actions)');
});
