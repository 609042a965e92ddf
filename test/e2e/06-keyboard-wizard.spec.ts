// The whole set-up without a mouse: every step reachable with Tab, filled by typing, confirmed with
// Enter or Space. The legal entity's key is read as plain text by ECHA, so the connectivity test also
// shows the app finding and remembering the right key reading.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { e2eSandbox, e2eSandboxApiBase, freshApp } from './support/app';
import { tabTo } from './support/keyboard';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';

const app = freshApp('keyboard-wizard');
const le = { ...newLegalEntity('Keyboard Kemi ApS'), keyReading: 'literal' as const };

test.beforeAll(async () => {
  await e2eSandbox().addLegalEntity(le);
});

test('keyboard-only completion of the wizard', async ({ page }) => {
  await page.goto(app().url);
  const h1 = page.getByRole('heading', { level: 1, name: 'Set up a legal entity' });
  await expect(h1).toBeFocused();

  // Focus starts at the screen's title; the skip link is the stop before it.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'Skip to the content' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'I have a key — continue' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Legal entity and key' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Display name')).toBeFocused();
  await page.keyboard.type(le.name);
  await tabTo(page, page.getByLabel('Legal-entity UUID'));
  // Lower case and without the prefix, as it is sometimes copied: the form normalises it.
  await page.keyboard.type(le.leUuid.slice(5).toLowerCase());
  await tabTo(page, page.getByLabel('S2S username'));
  await expect(page.getByLabel('Legal-entity UUID')).toHaveValue(`ECHA-${le.leUuid.slice(5).toLowerCase()}`);
  await page.keyboard.type(le.username);
  await tabTo(page, page.getByLabel('S2S API key'));
  await page.keyboard.type(le.apiKey);
  await expect(page.getByLabel('S2S API key')).toHaveAttribute('type', 'password');
  // The sandbox's address goes into the collapsed "Advanced: API address", opened from the keyboard.
  await tabTo(page, page.locator('summary', { hasText: 'Advanced: API address' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('API address'));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(e2eSandboxApiBase());
  await expect(page.getByLabel('API address')).toHaveValue(e2eSandboxApiBase());
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Connectivity test' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Run the connectivity test' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Connectivity test passed')).toBeVisible();
  await expect(page.getByText(/ECHA accepted the key read as\s*plain text/)).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Continue to the integration test' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Integration test' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Skip to production' }));
  await page.keyboard.press('Space');

  await expect(page.getByRole('heading', { level: 1, name: 'Switch to production' })).toBeFocused();
  // The integration test was skipped: going live takes the acknowledgement, by keyboard too.
  await tabTo(page, page.getByLabel('I go live without a dossier that ECHA passed in an integration test'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByLabel(/^Why/));
  await page.keyboard.type('dossiers validated with the client’s own S2S tool');
  await tabTo(page, page.getByLabel(/To confirm, type the legal entity’s name/));
  await page.keyboard.type(le.name);
  await snap(page, 'keyboard-production-step');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Submit' })).toBeFocused();
  await expect(page.getByRole('banner')).toHaveAttribute('data-mode', 'production');
  // Alt+3 opens the history, Alt+5 the settings.
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeFocused();
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await expect(page.getByLabel('Key reading')).toHaveValue('literal');
  // The entity says where it sends, since it is not ECHA's address.
  await expect(page.getByText('does not use ECHA’s standard API address')).toContainText(e2eSandboxApiBase());
  // The one rule across settings is checked in the form, before anything is sent.
  const size = page.getByLabel('Batch size (uploads)');
  const threshold = page.getByLabel('Stop a batch after (failures)');
  const saveSettings = page.getByRole('button', { name: 'Save changes' });
  const sizeBefore = await size.inputValue();
  const thresholdBefore = await threshold.inputValue();
  await size.fill('3');
  await threshold.fill('4');
  await expect(threshold).toHaveAccessibleDescription(/The failure threshold cannot exceed the batch size/);
  await expect(saveSettings).toBeDisabled();
  await size.fill('501');
  await expect(size).toHaveAccessibleDescription(/Enter a whole number from 1 to 500/);
  await size.fill(sizeBefore);
  await threshold.fill(thresholdBefore);
  await expect(threshold).not.toHaveAttribute('aria-invalid', 'true');
  await expect(saveSettings).toBeEnabled();
  await snap(page, 'settings', true);
  await expectAccessible(page, 'settings');
});
