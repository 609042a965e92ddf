// ECHA answers 500 for a while: the uploads are held (nothing lost, nothing retried behind the user's
// back), the Outbox says why and what to do, and once ECHA is back a retry sends them. Removing an
// upload asks first.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { pcnDossier } from './support/dossiers';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { chooseFiles, openScreen } from './support/ui';

const app = freshApp('outbox-retry');
const le = newLegalEntity('Helsinki Coatings Oy');
const sandbox = e2eSandbox();

test.beforeAll(async () => {
  await sandbox.addLegalEntity(le);
  const api = new AppApi(app());
  const profile = await api.readyProfile(le);
  await api.call('setProfileMode', { profileId: profile.id, mode: { kind: 'integration', testRun: 'hcoat-e2e-001' } });
});

test.afterAll(async () => {
  await sandbox.clearFaults();
});

test('a held upload is retried to success once the fault is gone; removing asks first', async ({ page }) => {
  const primer = await pcnDossier(le, 'primer-pcn.i6z', { dossierName: 'Primer PCN' });
  const varnish = await pcnDossier(le, 'varnish-pcn.i6z', { dossierName: 'Varnish PCN' });
  await page.goto(app().url);
  await openScreen(page, 'Submit');

  await sandbox.setFaults({ rate500: 1, only: ['submit'] });
  await chooseFiles(page, 'Choose .i6z files…', [primer, varnish]);
  await page.getByRole('button', { name: 'Send 2 test dossiers now' }).click();
  await expect(page.getByText(/Batch (finished|stopped)/)).toBeVisible();
  await expect(page.getByText(/2 held/).first()).toBeVisible();
  await expect(page.locator('.delivery--held')).toHaveCount(2);
  await snap(page, 'submit-held-uploads', true);

  await page.getByRole('button', { name: 'Open the Outbox' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  const items = page.getByRole('list', { name: 'Uploads in the outbox' });
  const primerItem = items.getByRole('listitem', { name: 'primer-pcn.i6z' });
  // The file names are the user's own (the upload's temporary name would be a bug).
  await expect.soft(primerItem).toBeVisible({ timeout: 5000 });
  await expect.soft(items.getByRole('listitem', { name: 'varnish-pcn.i6z' })).toBeVisible({ timeout: 5000 });
  const held = items.locator('li.outbox-item--held');
  await expect(held).toHaveCount(2);
  await expect(held.first()).toContainText('Why:');
  await expect(held.first()).toContainText('What to do:');
  await expect(page.locator('#main').getByText('2 held')).toBeVisible();
  await snap(page, 'outbox-held', true);
  await expectAccessible(page, 'outbox');

  // ECHA is back: retry one upload.
  await sandbox.clearFaults();
  const first = held.first();
  const firstName = (await first.locator('.outbox-item__title').textContent()) ?? '';
  await expect(first.getByTestId('auto-retry')).toContainText(/Next automatic try: .* \(retry 1 of 2/);
  await first.getByRole('button', { name: /^Retry/ }).click();
  // Sooner than ECHA advises (an hour after the failure): the app says so and asks.
  const early = page.getByRole('dialog', { name: 'Retry before the planned automatic retry?' });
  await expect(early).toContainText('retry after an hour, and if that fails, the next day');
  await snap(page, 'outbox-early-retry');
  await expectAccessible(page, 'early retry question');
  await early.getByRole('button', { name: 'Retry now anyway' }).click();
  await expect(items.locator('li.outbox-item--held')).toHaveCount(1, { timeout: 30_000 });
  await expect(items.getByText(firstName, { exact: true })).toHaveCount(0);

  // Remove the other, after confirming.
  const other = items.locator('li.outbox-item--held').first();
  await other.getByRole('button', { name: /^Remove/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this upload?' });
  await expect(dialog).toContainText('will not be sent');
  await snap(page, 'outbox-remove-confirmation');
  await expectAccessible(page, 'remove confirmation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(items.locator('li.outbox-item--held')).toHaveCount(1);
  await other.getByRole('button', { name: /^Remove/ }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('The outbox is empty')).toBeVisible();
  await snap(page, 'outbox-empty');
  await expectAccessible(page, 'empty outbox');

  // The retried one reached ECHA and is in the history.
  await openScreen(page, 'History');
  await expect(page.getByRole('grid', { name: 'Submissions' }).getByRole('row').filter({ hasText: 'hcoat-e2e-001' })).toHaveCount(1);
});
