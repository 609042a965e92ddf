// An integration test run, as a consultant checks real dossiers before production: two dossiers in one
// batch, each inspected first; ECHA accepts both uploads; the Submit screen says they were sent and
// await ECHA's verdict, then shows live, per file, that one passed and the other failed (it repeats the
// first one's dossier UUID: a duplicate); the detail shows why (validations grouped by level).
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { pcnDossier } from './support/dossiers';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { chooseFiles, fileCard, openScreen, syncUntil } from './support/ui';

const app = freshApp('integration-submission');
const le = newLegalEntity('Borealis Paints Oy');
const TEST_RUN = 'borealis-e2e-001';

test.beforeAll(async () => {
  await e2eSandbox().addLegalEntity(le);
  const api = new AppApi(app());
  const profile = await api.readyProfile(le);
  await api.call('setProfileMode', { profileId: profile.id, mode: { kind: 'integration', testRun: TEST_RUN } });
});

test('an integration-test batch shows each file passing or failing live, and the failure its validations', async ({ page }) => {
  const dossierUuid = randomUUID();
  const paint = await pcnDossier(le, 'red-paint-pcn.i6z', { dossierName: 'Red paint PCN', mixtureName: 'Red paint', pcnNumber: null, dossierUuid });
  const again = await pcnDossier(le, 'red-paint-pcn-again.i6z', { dossierName: 'Red paint PCN (again)', mixtureName: 'Red paint', dossierUuid });

  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await expect(page.getByRole('banner')).toContainText(`Integration test · ${TEST_RUN}`);
  await expect(page.locator('.target-banner')).toContainText(`Integration test run ${TEST_RUN}`);

  await chooseFiles(page, 'Choose .i6z files…', [paint, again]);
  const pcn = fileCard(page, 'red-paint-pcn.i6z');
  const copy = fileCard(page, 'red-paint-pcn-again.i6z');
  await expect(pcn).toContainText('Red paint PCN');
  await expect(pcn).toContainText('CLP_PCN');
  await expect(pcn).toContainText(le.leUuid);
  await expect(copy).toContainText('Red paint PCN (again)');
  await expect(page.getByText('2 dossiers ready.')).toBeVisible();
  await snap(page, 'submit-2-inspected-dossiers', true);
  await expectAccessible(page, 'submit (inspected dossiers)');

  await page.getByRole('button', { name: 'Send 2 test dossiers now' }).click();
  const summary = page.getByRole('region', { name: 'Batch summary' });
  // Sent is not passed: first the batch waits for ECHA's verdict...
  await expect(summary.getByRole('status')).toContainText('Sent, awaiting ECHA’s verdict');
  await expect(pcn.locator('[data-outcome="awaiting-verdict"]')).toContainText(/Sent as [A-Z]{3}\d{6}-\d{2}, awaiting ECHA’s verdict/);
  await snap(page, 'submit-3-awaiting-verdict', true);
  // ...then each file's outcome arrives by itself, pushed by main (no navigation, no Sync now).
  await expect(summary.getByRole('status')).toHaveText('Batch finished: 1 passed, 1 failed.', { timeout: 30_000 });
  await expect(pcn.locator('[data-outcome="passed"]')).toContainText(/Passed: ECHA accepted [A-Z]{3}\d{6}-\d{2}/);
  await expect(copy.locator('[data-outcome="failed"]')).toContainText('Failed ECHA’s validation');
  await expect(summary).toContainText('Passed 1');
  await expect(summary).toContainText('Failed 1');
  await expect(summary).toContainText('Awaiting verdict 0');
  await snap(page, 'submit-4-verdicts', true);
  await expectAccessible(page, 'submit (verdicts per file)');
  // The sidebar's pending badge follows the verdicts: nothing is pending any more.
  await expect(page.getByRole('navigation').getByText(/pending/)).toHaveCount(0);

  // The failed file links to its details.
  await copy.getByRole('button', { name: /Open the details/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Submission / })).toBeVisible();
  await expect(page.getByRole('region', { name: /Failures/ })).toContainText('DUPLICATE', { timeout: 15_000 });

  await openScreen(page, 'History');
  const grid = page.getByRole('grid', { name: 'Submissions' });
  const row = grid.getByRole('row').filter({ hasText: 'red-paint-pcn-again.i6z' });
  await syncUntil(page, async () => expect(row).toContainText('Failed', { timeout: 1000 }));
  await expect(row).toContainText('1 fail');
  // The user's own file name, not the app's temporary upload name.
  await expect(grid.getByRole('row').filter({ hasText: 'red-paint-pcn.i6z' }).filter({ hasText: 'Integration' })).toContainText('Passed');
  await snap(page, 'history-integration-run');

  // A consultant pastes the submission number from ECHA's e-mail: free text finds it.
  const number = (await row.getByRole('gridcell').nth(1).textContent())?.trim() ?? '';
  expect(number).toMatch(/^[A-Z0-9-]+$/);
  await page.getByRole('searchbox', { name: 'Search' }).fill(number);
  await expect(page.getByText('1 submission match the filters')).toBeVisible();
  await expect(grid.getByRole('row').filter({ hasText: number })).toHaveCount(1);
  await row.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Submission / })).toBeVisible();
  const failures = page.getByRole('region', { name: /Failures/ });
  await expect(failures).toContainText('DUPLICATE');
  await expect(failures).toContainText('is a duplicate of submission');
  await expect(page.getByRole('list').filter({ hasText: 'Failed validation' })).toBeVisible();
  await expect(page.getByText(/^Report fetched \d/)).toBeVisible();
  await snap(page, 'detail-failed-validations', true);
  await expectAccessible(page, 'submission detail');
});
