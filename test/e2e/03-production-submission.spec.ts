// A real (production) submission, followed until the poison centres have downloaded it: the send is
// confirmed naming the legal entity, the upload shows its progress and the batch its summary, and the
// detail's timeline names the countries it was dispatched to and downloaded by.
import { statSync } from 'node:fs';
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
  await openScreen(page, 'Submit');
  await expect(page.getByRole('banner')).toHaveAttribute('data-mode', 'production');
  await expect(page.locator('.target-banner')).toContainText('legally binding');

  await chooseFiles(page, 'Choose .i6z files…', [dossier]);
  await expect(fileCard(page, 'dish-soap-pcn.i6z')).toContainText('No pre-flight problems found');
  await snap(page, 'submit-production-ready');

  await page.getByRole('button', { name: 'Submit 1 dossier to PRODUCTION' }).click();
  const confirm = page.getByRole('dialog', { name: `Submit to ECHA in PRODUCTION for ${le.name}?` });
  await expect(confirm).toContainText(le.name);
  await expect(confirm).toContainText(le.leUuid);
  await expect(confirm).toContainText('dish-soap-pcn.i6z');
  await snap(page, 'submit-production-confirm');
  await expectAccessible(page, 'production confirmation dialog');
  // Cancel is the default: Escape does not send.
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(fileCard(page, 'dish-soap-pcn.i6z').getByText(/ECHA accepted|awaiting ECHA’s verdict/)).toHaveCount(0);

  // The sandbox holds its answer to the upload for a few seconds, so the upload's progress can be seen.
  const sandbox = e2eSandbox();
  await sandbox.setFaults({ slowMs: 4000, only: ['submit'] });
  try {
    await page.getByRole('button', { name: 'Submit 1 dossier to PRODUCTION' }).click();
    await confirm.getByRole('button', { name: `Submit 1 dossier for ${le.name}` }).click();
    const summary = page.getByRole('region', { name: 'Batch summary' });
    await expect(summary.getByRole('status')).toHaveText('Sending: 0 of 1 sent.');
    await expect(summary.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute('max', '1');
    await expect(summary).toContainText('Total 1');
    // The file's own bar, named for the file, counts the dossier's bytes.
    const bar = fileCard(page, 'dish-soap-pcn.i6z').getByRole('progressbar', { name: 'Uploading dish-soap-pcn.i6z' });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('max', String(statSync(dossier).size));
    const sent = Number(await bar.getAttribute('value'));
    expect(sent).toBeGreaterThanOrEqual(0);
    expect(sent).toBeLessThanOrEqual(statSync(dossier).size);
    // Bytes while they go, then "sent" with "Waiting for ECHA's answer…" (a small file may already be there).
    await expect(fileCard(page, 'dish-soap-pcn.i6z')).toContainText(/Uploading dish-soap-pcn\.i6z\s*[\d.]+ [kKM]?B (of [\d.]+ [kKM]?B|sent\s*Waiting for ECHA’s answer)|Sent as /);
    await snap(page, 'submit-production-uploading');

    // Sent first, then ECHA's verdict, live.
    await expect(summary.getByRole('status')).toContainText('Sent, awaiting ECHA’s verdict', { timeout: 30_000 });
    await expect(summary.getByRole('status')).toHaveText('Batch finished: 1 passed, 0 failed.', { timeout: 30_000 });
  } finally {
    await sandbox.clearFaults();
  }
  const summary = page.getByRole('region', { name: 'Batch summary' });
  await expect(summary).toContainText('Total 1');
  await expect(summary).toContainText('Sent 1');
  await expect(summary).toContainText('Passed 1');
  await expect(summary).toContainText('Held 0');
  await expect(summary.getByRole('progressbar')).toHaveCount(0);
  await expect(summary.getByRole('button', { name: 'Follow in the History' })).toBeVisible();
  await expect(summary.getByRole('button', { name: 'Open the Outbox' })).toHaveCount(0);
  await expect(fileCard(page, 'dish-soap-pcn.i6z').getByText(/Passed: ECHA accepted/)).toBeVisible();
  await expect(fileCard(page, 'dish-soap-pcn.i6z').getByRole('progressbar')).toHaveCount(0);

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

test('Refresh report fetches the report again and shows the new time', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'History');
  await page.getByRole('grid', { name: 'Submissions' }).getByRole('row').filter({ hasText: 'PRODUCTION' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Submission / });
  await expect(heading).toBeVisible();
  const number = (await heading.textContent())?.replace('Submission ', '').trim() ?? '';
  expect(number).toMatch(/^[A-Z]{3}\d{6}-\d{2}$/);

  // The previous test followed it to a final status, so its report has been fetched once already.
  const fetchedAt = page.getByText(/^Report fetched /);
  await expect(fetchedAt).toBeVisible();
  const before = await fetchedAt.textContent();
  const reportCalls = async () => (await e2eSandbox().requests()).filter((r) => r.method === 'GET' && new RegExp(`^/submission(/v\\d)?/${number}$`).test(r.path)).length;
  const callsBefore = await reportCalls();
  expect(callsBefore).toBeGreaterThan(0);

  // The time is shown to the second: let one pass so a new fetch shows a different time.
  await page.waitForTimeout(1100);
  await page.getByRole('button', { name: 'Refresh report' }).click();
  await expect(fetchedAt).not.toHaveText(before ?? '');
  await expect(fetchedAt).toHaveText(/^Report fetched \d/);
  await expect(page.getByRole('button', { name: 'Refresh report' })).toBeEnabled();
  expect(await reportCalls()).toBe(callsBefore + 1);
});
