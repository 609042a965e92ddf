// A real (production) submission, followed until the poison centres have downloaded it: the send is
// confirmed naming the legal entity, the upload shows its progress and the batch its summary, and the
// detail's timeline names the countries it was dispatched to and downloaded by.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { pcnDossier } from './support/dossiers';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { chooseFiles, fileCard, openScreen, syncUntil } from './support/ui';

const app = freshApp('production-submission');
const le = newLegalEntity('Nordic Detergents AB');

test.beforeAll(async () => {
  await e2eSandbox().addLegalEntity(le);
  await new AppApi(app()).readyProfile(le, { production: true });
});

test('a production submission followed to DOWNLOADED', async ({ page }) => {
  const dossier = await pcnDossier(le, 'dish-soap-pcn.i6z', { dossierName: 'Dish soap PCN', mixtureName: 'Dish soap' });
  await page.goto(app().url);
  await expect(page.getByRole('banner')).toHaveAttribute('data-mode', 'production');
  await expect(page.locator('.target-banner')).toContainText('legally binding');

  await chooseFiles(page, 'Choose .i6z files…', [dossier]);
  await expect(fileCard(page, 'dish-soap-pcn.i6z')).toContainText('No pre-flight problems found');
  await snap(page, 'submit-production-ready');

  await page.getByRole('button', { name: 'Submit 1 dossier to PRODUCTION' }).click();
  const confirm = page.getByRole('dialog', { name: 'Submit to ECHA in PRODUCTION?' });
  await expect(confirm).toContainText(le.name);
  await expect(confirm).toContainText(le.leUuid);
  await expect(confirm).toContainText('dish-soap-pcn.i6z');
  await snap(page, 'submit-production-confirm');
  await expectAccessible(page, 'production confirmation dialog');
  // Cancel is the default: Escape does not send.
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(fileCard(page, 'dish-soap-pcn.i6z').getByText('Accepted by ECHA')).toHaveCount(0);

  await page.getByRole('button', { name: 'Submit 1 dossier to PRODUCTION' }).click();
  await confirm.getByRole('button', { name: 'Submit 1 dossier' }).click();
  await expect(page.getByText('Batch finished: 1 submission accepted by ECHA.')).toBeVisible();
  await expect(fileCard(page, 'dish-soap-pcn.i6z').getByText('Accepted by ECHA')).toBeVisible();

  await openScreen(page, 'History');
  const row = page.getByRole('grid', { name: 'Submissions' }).getByRole('row').filter({ hasText: 'PRODUCTION' });
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Submission / })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await syncUntil(page, async () => expect(timeline.getByText('Downloaded', { exact: true }).first()).toBeVisible({ timeout: 1000 }), 90_000);
  await expect(timeline).toContainText('Passed validation');
  await expect(timeline).toContainText(/Dispatched\s*to [A-Z]{2}/);
  await expect(timeline).toContainText(/Downloaded\s*by [A-Z]{2}/);
  await expect(page.getByText('Passed', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText(/Downloaded by[A-Z, ]+/);
  await snap(page, 'detail-production-downloaded', true);
  await expectAccessible(page, 'production submission detail');
});
