// First run at 1366×768, the size many consultants' laptops have: both ways to start are in view
// without scrolling, and when the connectivity test ends its result and "Continue" are scrolled into
// view and the result has focus (keyboard and screen-reader users hear the outcome at once).
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { freshApp } from './support/app';
import { snap } from './support/screenshots';

const app = freshApp('first-run-fit');

test('first run and the connectivity step fit 1366×768, the result scrolled into view and focused', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up a legal entity' })).toBeFocused();
  const haveKey = page.getByRole('button', { name: 'I have a key — continue' });
  const sandbox = page.getByRole('button', { name: 'Try with the local sandbox' });
  await expect(haveKey).toBeInViewport({ ratio: 1 });
  await expect(sandbox).toBeInViewport({ ratio: 1 });
  // Next after the heading for the keyboard.
  await page.keyboard.press('Tab');
  await expect(haveKey).toBeFocused();
  await snap(page, 'first-run-1366');
  await expectAccessible(page, 'first run at 1366×768');

  await sandbox.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connectivity test' })).toBeFocused();
  await page.getByRole('button', { name: 'Run the connectivity test' }).click();
  const passed = page.getByText('Connectivity test passed');
  await expect(passed).toBeVisible();
  // Said of the sandbox as what it is, not as ECHA.
  await expect(page.locator('.wizard-result')).toContainText('reaches the local sandbox (ECHA’s S2S service simulated on this computer)');
  await expect(page.locator('.wizard-result')).toBeFocused();
  await expect(passed).toBeInViewport();
  const next = page.getByRole('button', { name: 'Continue to the integration test' });
  await expect(next).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  await snap(page, 'connectivity-passed-1366');
  await expectAccessible(page, 'connectivity test passed at 1366×768');

  // The next step's heading has focus.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Integration test' })).toBeFocused();
  // Its result takes focus too when the run ends (the bundled sample fits the demo entity).
  await page.getByRole('button', { name: 'Run the integration test' }).click();
  await expect(page.locator('.wizard-result')).toBeFocused({ timeout: 60_000 });
  await expect(page.locator('.wizard-result')).toBeInViewport();
  await snap(page, 'integration-result-1366');
});
