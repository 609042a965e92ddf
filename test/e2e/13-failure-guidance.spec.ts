// A failed submission says, per code, what went wrong and what to do: a duplicate links to the original
// submission (which stands). (A legal-entity mismatch never reaches ECHA from the UI: pre-flight blocks it.) Real sandbox, real app; the guidance comes from src-renderer/lib/failure-guidance.ts.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { pcnDossier } from './support/dossiers';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { chooseFiles, fileCard, openScreen } from './support/ui';

const app = freshApp('failure-guidance');
const le = newLegalEntity('Tamminen Coatings Oy');
const TEST_RUN = 'tamminen-guide-001';

test.beforeAll(async () => {
  await e2eSandbox().addLegalEntity(le);
  const api = new AppApi(app());
  const profile = await api.readyProfile(le);
  await api.call('setProfileMode', { profileId: profile.id, mode: { kind: 'integration', testRun: TEST_RUN } });
});

test('a duplicate says the original stands and links to its detail view', async ({ page }) => {
  const dossierUuid = randomUUID();
  const first = await pcnDossier(le, 'blue-paint.i6z', { dossierName: 'Blue paint PCN', mixtureName: 'Blue paint', dossierUuid });
  const again = await pcnDossier(le, 'blue-paint-again.i6z', { dossierName: 'Blue paint PCN (again)', mixtureName: 'Blue paint', dossierUuid });

  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await chooseFiles(page, 'Choose .i6z files…', [first, again]);
  await page.getByRole('button', { name: /^Send 2 test dossiers now/ }).click();
  const summary = page.getByRole('region', { name: 'Batch summary' });
  await expect(summary.getByRole('status')).toHaveText('Batch finished: 1 passed, 1 failed.', { timeout: 45_000 });
  const original = /Passed: ECHA accepted ([A-Z]{3}\d{6}-\d{2})/.exec((await fileCard(page, 'blue-paint.i6z').locator('[data-outcome="passed"]').textContent()) ?? '')?.[1];
  expect(original).toMatch(/^[A-Z]{3}\d{6}-\d{2}$/);

  // The duplicate: the original stands, and its link opens the original's detail view.
  await fileCard(page, 'blue-paint-again.i6z').getByRole('button', { name: /Open the details/ }).click();
  const dup = page.getByRole('region', { name: /Failures/ });
  await expect(dup).toContainText('DUPLICATE', { timeout: 15_000 });
  await expect(dup).toContainText(`already submitted as ${original}`);
  await snap(page, 'detail-failure-guidance-duplicate', true);
  await expectAccessible(page, 'detail (duplicate guidance)');
  await dup.getByRole('button', { name: `Open the original submission ${original}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Submission ${original}` })).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: 'Passed validation' })).toBeVisible();
});
