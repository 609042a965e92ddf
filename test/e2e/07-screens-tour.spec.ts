// Every screen and state not covered by the journeys above, each scanned with axe and photographed:
// "Try with the local sandbox" on a fresh machine, the submit-by-reference and C&L forms, the mode
// dialog, empty and no-match states, the offline banner, and narrower windows.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { freshApp } from './support/app';
import { snap } from './support/screenshots';
import { entityButton, openScreen } from './support/ui';

const app = freshApp('screens-tour');
const DEMO_SCIP = '6e89878c-eb2e-476a-a4ae-06c96b1488cf';

test('try the app with the local sandbox on a fresh machine', async ({ page }) => {
  await page.goto(app().url);
  await page.getByRole('button', { name: 'Try with the local sandbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connectivity test' })).toBeVisible();
  // The demo entity's name carries no "(local sandbox)" twice: the tag says it once.
  await expect(entityButton(page)).toHaveAccessibleName(/^Legal entity Demo Chemicals Oy local sandbox$/);
  // Before the run every step is waiting: what follows is this run's doing, not a leftover.
  const steps = page.getByRole('list', { name: 'Connectivity test steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(10);
  for (const item of await steps.all()) await expect(item).toHaveAttribute('data-state', 'pending');
  await expect(page.getByText('Connectivity test passed')).toHaveCount(0);

  await page.getByRole('button', { name: 'Run the connectivity test' }).click();
  await expect(page.getByText('Connectivity test passed')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All steps passed.' })).toBeAttached();
  for (const [i, item] of (await steps.all()).entries()) {
    await expect(item).toHaveAttribute('data-state', 'passed');
    await expect(item).toContainText(`${i + 1}.`);
    await expect(item).toContainText('— passed');
  }
  // The sample dossier really went to the built-in sandbox: step 4 names the submission number it got.
  await expect(steps.nth(3)).toContainText(/[A-Z]{3}\d{6}-\d{2}/);
  await expect(page.locator('[data-state="failed"]')).toHaveCount(0);
  await snap(page, 'try-sandbox-connectivity-passed');
  await expectAccessible(page, 'connectivity test of the local sandbox');
});

test('submit: empty state, submit by reference and C&L forms', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await expect(page.getByText('No dossiers chosen yet')).toBeVisible();
  await snap(page, 'submit-empty');
  await expectAccessible(page, 'submit (empty)');

  await page.getByRole('tab', { name: 'Submit by reference' }).click();
  const numbers = page.getByLabel('SCIP numbers');
  await numbers.fill('not-a-scip-number');
  await expect(page.getByText(/not a SCIP number \(UUID\): not-a-scip-number/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send by reference now' })).toBeDisabled();
  await numbers.fill(`${DEMO_SCIP}\n${DEMO_SCIP.toUpperCase()}`);
  await expect(page.getByText('1 SCIP number (1 duplicate ignored)')).toBeVisible();
  await snap(page, 'submit-by-reference');
  await expectAccessible(page, 'submit by reference');
  await page.getByRole('button', { name: 'Send by reference now' }).click();
  await expect(page.getByRole('region', { name: 'Batch summary' })).toContainText(/Batch finished|Sending|Sent, awaiting/);

  // Arrow keys move between the tabs.
  await page.getByRole('tab', { name: 'Submit by reference' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'C&L notification' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('MI group id')).toBeVisible();
  await page.getByLabel('MI group id').fill('1234');
  await page.getByRole('button', { name: 'Send C&L notification now' }).click();
  await expect(page.getByText('Choose the dossier first.')).toBeVisible();
  await snap(page, 'submit-clp');
  await expectAccessible(page, 'C&L notification');
});

test('the mode dialog, and production locked behind the name', async ({ page }) => {
  await page.goto(app().url);
  await page.getByRole('banner').getByRole('button', { name: 'Change mode' }).click();
  const dialog = page.getByRole('dialog', { name: /^Mode for / });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Integration test/).check();
  await expect(dialog.getByLabel('Test run id')).toHaveValue(/^demo-sandbox-\d{3}$/);
  await snap(page, 'mode-dialog-integration');
  await expectAccessible(page, 'mode dialog');
  // No integration test in which ECHA passed a dossier yet: production cannot even be chosen here.
  await expect(dialog.getByLabel(/PRODUCTION/)).toBeDisabled();
  await expect(dialog).toContainText('Available after an integration test in which ECHA passed one of this entity’s dossiers');
  await snap(page, 'mode-dialog-production');
  await dialog.getByLabel(/Integration test/).check();
  await dialog.getByRole('button', { name: 'Switch mode' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('banner')).toContainText(/Integration test · demo-sandbox-\d{3}/);
});

test('history: no match, and the offline banner', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'History');
  // Everything the demo sent so far went in connectivity mode: dummies, not counted until asked for.
  await expect(page.getByText('No submissions yet')).toBeVisible();
  const include = page.getByRole('button', { name: 'Include connectivity tests' });
  await expect(page.getByText(/^Not counted: \d+ connectivity tests?/)).toBeVisible();
  await snap(page, 'history-only-connectivity-tests');
  await expectAccessible(page, 'history with only connectivity tests');
  await include.click();
  await expect(page.getByRole('grid', { name: 'Submissions' }).getByRole('row')).not.toHaveCount(0);
  await page.getByRole('group', { name: 'Status' }).getByLabel('Failed').check();
  await expect(page.getByText('No submission matches these filters')).toBeVisible();
  await snap(page, 'history-no-match');
  await expectAccessible(page, 'history (no match)');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(include).toBeVisible();

  await page.context().setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline.' })).toBeVisible();
  await snap(page, 'offline-banner');
  await expectAccessible(page, 'offline banner');
  await page.context().setOffline(false);
  await expect(page.getByText('Offline.')).toBeHidden();
});

test('narrower windows keep every control reachable', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await page.goto(app().url);
  await openScreen(page, 'History');
  await snap(page, 'narrow-1024-history');
  await expectAccessible(page, 'history at 1024 px');
  await page.setViewportSize({ width: 800, height: 720 });
  await openScreen(page, 'Submit');
  await expect(page.getByRole('button', { name: 'Choose .i6z files…' })).toBeInViewport();
  await snap(page, 'narrow-800-submit');
  await openScreen(page, 'Outbox');
  await snap(page, 'narrow-800-outbox');
  await expectAccessible(page, 'outbox at 800 px');
});
