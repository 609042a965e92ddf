// Desktop operations in web mode: Settings → Support saves the diagnostics bundle (a real browser
// download of GET /api/diagnostics), which is unzipped and searched, as bytes, for the entity's key,
// the bytes it decodes to (as text, hex and Base64) and anything shaped like a JWT: none may be there.
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
import { entityButton, openScreen } from './support/ui';

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
