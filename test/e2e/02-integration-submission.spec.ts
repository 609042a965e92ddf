// An integration test run, as a consultant checks real dossiers before production: two dossiers in one
// batch, each inspected first; ECHA accepts both uploads, then fails the one whose type its portal does
// not process, and the detail shows why (validations grouped by level, with code and context).
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

test('an integration-test submission that fails validation shows its validations', async ({ page }) => {
  const wrongType = await pcnDossier(le, 'zinc-oxide-registration.i6z', { dossierName: 'Zinc oxide registration', submissionType: 'REACH_REGISTRATION_10_100' });
  const paint = await pcnDossier(le, 'red-paint-pcn.i6z', { dossierName: 'Red paint PCN', mixtureName: 'Red paint', pcnNumber: null });

  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await expect(page.getByRole('banner')).toContainText(`Integration test · ${TEST_RUN}`);
  await expect(page.locator('.target-banner')).toContainText(`Integration test run ${TEST_RUN}`);

  await chooseFiles(page, 'Choose .i6z files…', [wrongType, paint]);
  const registration = fileCard(page, 'zinc-oxide-registration.i6z');
  const pcn = fileCard(page, 'red-paint-pcn.i6z');
  await expect(registration).toContainText('Zinc oxide registration');
  await expect(registration).toContainText('REACH_REGISTRATION_10_100');
  await expect(registration).toContainText('belong in REACH-IT');
  await expect(pcn).toContainText('Red paint PCN');
  await expect(pcn).toContainText('CLP_PCN');
  await expect(pcn).toContainText(le.leUuid);
  await expect(page.getByText('2 dossiers ready.')).toBeVisible();
  await snap(page, 'submit-2-inspected-dossiers', true);
  await expectAccessible(page, 'submit (inspected dossiers)');

  await page.getByRole('button', { name: 'Send 2 test dossiers now' }).click();
  await expect(page.getByText('Batch finished: 2 submissions accepted by ECHA.')).toBeVisible();
  await expect(registration.getByText('Accepted by ECHA')).toBeVisible();
  await snap(page, 'submit-3-batch-finished', true);

  await openScreen(page, 'History');
  const grid = page.getByRole('grid', { name: 'Submissions' });
  const row = grid.getByRole('row').filter({ hasText: 'REACH_REGISTRATION_10_100' });
  await syncUntil(page, async () => expect(row).toContainText('Failed', { timeout: 1000 }));
  await expect(row).toContainText('1 fail');
  await expect(grid.getByRole('row').filter({ hasText: 'CLP_PCN' }).filter({ hasText: 'Integration' })).toContainText('Passed');
  // The user's own file name, not the app's temporary upload name.
  expect.soft(await row.textContent()).toContain('zinc-oxide-registration.i6z');
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
  await expect(failures).toContainText('SUBMISSION_TYPE');
  await expect(failures).toContainText('cannot be submitted through S2S');
  await expect(page.getByRole('list').filter({ hasText: 'Failed validation' })).toBeVisible();
  await expect(page.getByText(/^Report fetched \d/)).toBeVisible();
  await snap(page, 'detail-failed-validations', true);
  await expectAccessible(page, 'submission detail');
});
