// A watch folder per legal entity: IUCLID (or a colleague) exports into a folder, and the dossier
// appears on that entity's Submit screen once it is fully written, checked, never sent by itself.
// Written slowly, left partial, and removed, against the real web host and its real polling.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { pcnDossier } from './support/dossiers';
import { tempDir } from './support/files';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { fileCard, openScreen } from './support/ui';

const app = freshApp('watch-folder');
const le = newLegalEntity('Oulu Paints Oy');
const sandbox = e2eSandbox();
// A folder of its own: the dossiers the test builds live in tempDir() and must not be watched.
const folder = join(tempDir(), 'watched-oulu');
let profileId = '';

test.beforeAll(async () => {
  await sandbox.addLegalEntity(le);
  mkdirSync(folder, { recursive: true });
  const api = new AppApi(app());
  const p = await api.readyProfile(le);
  profileId = p.id;
});

test('files written to the watch folder appear once complete, checked, and leave when removed', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const bytes = readFileSync(await pcnDossier(le, 'source.i6z', { dossierName: 'Primer PCN' }));
  await page.goto(app().url);
  // The folder is set in Settings, like any other field of the entity.
  await openScreen(page, 'Settings');
  const field = page.getByLabel('Watch folder');
  await field.fill('dossiers/oulu');
  await expect(page.getByText('Give the full path of the folder')).toBeVisible();
  await field.fill(folder);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();

  await openScreen(page, 'Submit');
  const line = page.locator('.watch-folder');
  await expect(line).toContainText(`Watching ${folder}: 0 dossiers ready`);

  // Written slowly: a third, then more a second later; nothing shows while it grows.
  const slow = join(folder, 'primer-pcn.i6z');
  const third = Math.floor(bytes.length / 3);
  writeFileSync(slow, bytes.subarray(0, third));
  await expect(line).toContainText('1 file still being written');
  await page.waitForTimeout(1200);
  await expect(fileCard(page, 'primer-pcn.i6z')).toHaveCount(0);
  appendFileSync(slow, bytes.subarray(third, 2 * third));
  await page.waitForTimeout(1200);
  await expect(fileCard(page, 'primer-pcn.i6z')).toHaveCount(0);
  appendFileSync(slow, bytes.subarray(2 * third));
  // Complete: it appears, inspected, and a notice says it came from the folder; nothing was sent.
  await expect(fileCard(page, 'primer-pcn.i6z')).toContainText('No pre-flight problems found', { timeout: 15_000 });
  await expect(page.getByText(/primer-pcn\.i6z is on its Submit screen from the watch folder/).first()).toBeVisible();
  await expect(line).toContainText('1 dossier ready');
  await snap(page, 'watch-folder-ready-1366');
  await expectAccessible(page, 'submit with a watch folder');

  // Left partial (the export stopped half way): it appears once it stops changing, and says it is broken.
  writeFileSync(join(folder, 'broken-pcn.i6z'), bytes.subarray(0, third));
  await expect(fileCard(page, 'broken-pcn.i6z')).toBeVisible({ timeout: 15_000 });
  await expect(fileCard(page, 'broken-pcn.i6z')).not.toContainText('No pre-flight problems found');
  await expect(page.locator('.action-bar')).toContainText('1 dossier ready; 1 cannot be sent.');

  // Removed from the folder: gone from the screen too.
  rmSync(join(folder, 'broken-pcn.i6z'));
  await expect(fileCard(page, 'broken-pcn.i6z')).toHaveCount(0, { timeout: 15_000 });
  await expect(fileCard(page, 'primer-pcn.i6z')).toBeVisible();
  const outbox = await new AppApi(app()).call('listOutbox', { profileId });
  expect((outbox as { items: unknown[] }).items).toEqual([]);

  // The folder disappears (a drive unplugged): the screen says so.
  rmSync(folder, { recursive: true, force: true });
  await expect(page.getByText('The watch folder is not available')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.watch-folder')).toContainText('cannot be found');
  await snap(page, 'watch-folder-missing-1366');
});
