// A consultant's first run: the wizard says where the key comes from, checks each field as it is
// typed, stores the key (imported from ECHA's key-page CSV) in the keychain, runs the connectivity
// test with a live checklist, then an integration test, then goes live after naming the entity.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { e2eSandbox, e2eSandboxApiBase, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { writeTempFile } from './support/files';
import { entityButton } from './support/ui';

const app = freshApp('onboarding');
const le = newLegalEntity('Acme Chemicals GmbH');

test.beforeAll(async () => {
  await e2eSandbox().addLegalEntity(le);
});

test('first run: the wizard leads to a passed connectivity test', async ({ page }) => {
  await page.goto(app().url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up a legal entity' })).toBeVisible();
  await expect(page.getByText('S2S Keys Manager').first()).toBeVisible();
  await snap(page, 'onboarding-1-where-keys-come-from');
  await expectAccessible(page, 'onboarding introduction');

  await page.getByRole('button', { name: 'I have a key — continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Legal entity and key' })).toBeVisible();

  // Checked as typed: a wrong UUID is named before anything is saved.
  const uuid = page.getByLabel('Legal-entity UUID');
  await uuid.fill('ECHA-1234-not-a-uuid');
  await uuid.blur();
  await expect(page.getByText('A legal-entity UUID looks like ECHA-')).toBeVisible();
  await expect(uuid).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('S2S username').fill('has a space');
  await page.getByLabel('S2S username').blur();
  await expect(page.getByText('No spaces in a username')).toBeVisible();
  await page.getByRole('button', { name: 'Save and store the key' }).click();
  await expect(page.getByText('Some fields need attention')).toBeVisible();
  await snap(page, 'onboarding-2-form-errors');

  // ECHA's key page exports the new key as a .csv: importing it prefills what it knows.
  await uuid.fill('');
  await page.getByLabel('S2S username').fill('');
  const csv = await writeTempFile('s2s-key.csv', `Legal entity UUID,Legal entity name,Username,API key\r\n${le.leUuid},${le.name},${le.username},${le.apiKey}\r\n`);
  await page.getByLabel('Import the key’s .csv file…').setInputFiles(csv);
  await expect(page.getByText(`Key from s2s-key.csv, for user ${le.username}, legal entity ${le.name} (${le.leUuid}).`)).toBeVisible();
  await expect(uuid).toHaveValue(le.leUuid);
  await expect(page.getByLabel('S2S username')).toHaveValue(le.username);
  await expect(page.getByLabel('Display name')).toHaveValue(le.name);
  // The key itself is never shown back.
  await expect(page.getByText(le.apiKey)).toHaveCount(0);
  await snap(page, 'onboarding-3-form-filled');
  await expectAccessible(page, 'legal entity form');

  // This machine cannot reach ECHA: the entity is pointed at the e2e sandbox through the advanced
  // API address, which is collapsed and shows ECHA's address until opened.
  const address = page.getByLabel('API address');
  await expect(address).toBeHidden();
  await page.getByText('Advanced: API address').click();
  await expect(address).toHaveValue('https://api.ecs.echa.europa.eu/submission');
  // What the settings store refuses comes back on the field: only ECHA's hosts or this computer.
  await address.fill('http://sandbox.example.com/submission');
  await page.getByRole('button', { name: 'Save and store the key' }).click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  // The refusal's own wording (the field's hint, also in the description, says "Accepted: ...").
  await expect(address).toHaveAccessibleDescription(/Only ECHA’s own API addresses .* are accepted/);
  // Nothing was created by the refused call.
  await expect(page.getByRole('heading', { level: 1, name: 'Legal entity and key' })).toBeVisible();
  await address.fill(e2eSandboxApiBase());
  await expectAccessible(page, 'legal entity form with the API address');

  await page.getByRole('button', { name: 'Save and store the key' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connectivity test' })).toBeVisible();
  await expect(entityButton(page)).toContainText(le.name);
  await expect(page.locator('.app-header')).toContainText('Connectivity test');
  const steps = page.getByRole('list', { name: 'Connectivity test steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(10);

  await page.getByRole('button', { name: 'Run the connectivity test' }).click();
  await expect(page.getByText('Connectivity test passed')).toBeVisible();
  for (const item of await steps.all()) await expect(item).toHaveAttribute('data-state', 'passed');
  await snap(page, 'onboarding-4-connectivity-passed');
  await expectAccessible(page, 'connectivity test');
  // The entity tells where it sends, since that is not ECHA's own address.
  await expect(entityButton(page)).toHaveAccessibleName(`Legal entity ${le.name} local sandbox`);
});

test('integration test with a test run id, then production after naming the entity', async ({ page }) => {
  await page.goto(app().url);
  // With the connectivity test passed, "Tests & go-live" opens at the integration step.
  await page.getByRole('button', { name: /Tests & go-live/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integration test' })).toBeVisible();
  const testRun = page.getByLabel('Test run id');
  await expect(testRun).toHaveValue(/^[a-z0-9-]+-\d{3}$/);
  await testRun.fill('test-001');
  await expect(page.getByText('Use a company-specific prefix')).toBeVisible();
  await testRun.fill('acme-e2e-001');
  await page.getByRole('button', { name: 'Run the integration test' }).click();
  await expect(page.locator('.app-header')).toContainText('Integration test · acme-e2e-001');
  // Every step of the run completes against the sandbox, so the run passes; its last step states
  // ECHA's verdict on the bundled sample, whose submitting entity is the demo one, not Acme's (BR570).
  await expect(page.getByText('Integration test acme-e2e-001 passed')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Integration test acme-e2e-001 failed')).toHaveCount(0);
  const integrationSteps = page.getByRole('list', { name: 'Integration test steps' }).getByRole('listitem');
  await expect(integrationSteps).toHaveCount(10);
  for (const item of await integrationSteps.all()) await expect(item).toHaveAttribute('data-state', 'passed');
  await expect(integrationSteps.nth(9)).toContainText(/[A-Z]{3}\d{6}-\d{2}: VALIDATION_FAILED \(1 FAIL, 0 WARN\)/);
  await expect(page.getByRole('button', { name: 'Continue to production' })).toBeVisible();
  await snap(page, 'onboarding-5-integration-test');
  await expectAccessible(page, 'integration test');

  await page.getByRole('button', { name: 'Continue to production' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Switch to production' })).toBeVisible();
  const confirm = page.getByLabel(/To confirm, type the legal entity’s name/);
  const go = page.getByRole('button', { name: `Switch ${le.name} to PRODUCTION` });
  await confirm.fill('Acme');
  await expect(go).toBeDisabled();
  await expect(page.getByText('The name does not match.')).toBeVisible();
  await confirm.fill(le.name);
  await snap(page, 'onboarding-6-production-confirmation');
  await expectAccessible(page, 'production confirmation');
  await go.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Submit' })).toBeVisible();
  await expect(page.locator('.app-header')).toHaveAttribute('data-mode', 'production');
  await expect(page.locator('.app-header')).toContainText('PRODUCTION');
  await expect(page.getByRole('note')).toContainText(`real notification to ECHA on behalf of ${le.name}`);
  await snap(page, 'submit-production');
});
