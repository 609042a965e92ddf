// A consultant's first run: the wizard says where the key comes from, checks each field as it is
// typed, stores the key (imported from ECHA's key-page CSV) in the keychain, runs the connectivity
// test with a live checklist, then integration tests with the entity's own dossiers (ECHA's verdict kept
// apart from whether the calls work), then goes live after a passed dossier and naming the entity.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { e2eSandbox, e2eSandboxApiBase, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { tempDir, writeTempFile } from './support/files';
import { MALFORMED_UFI, buildPcnDossier } from '../fixtures/archives';
import { chooseFiles, entityButton } from './support/ui';

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

test('integration test with the entity’s own dossier: calls and verdict apart; production after a passed dossier and naming the entity', async ({ page }) => {
  await page.goto(app().url);
  // With the connectivity test passed, "Tests & go-live" opens at the integration step.
  await page.getByRole('button', { name: /Tests & go-live/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integration test' })).toBeVisible();
  const testRun = page.getByLabel('Test run id');
  await expect(testRun).toHaveValue(/^[a-z0-9-]+-\d{3}$/);
  await testRun.fill('test-001');
  await expect(page.getByText('Use a company-specific prefix')).toBeVisible();
  await testRun.fill('acme-e2e-001');
  // The bundled sample belongs to the demo entity (ECHA would fail it for Acme): not offered here.
  await expect(page.getByText('The bundled sample dossier')).toHaveCount(0);
  const runIt = page.getByRole('button', { name: 'Run the integration test' });
  await expect(runIt).toBeDisabled();

  // First Acme's dossier with a malformed UFI: the calls work, ECHA fails the dossier, shown apart.
  const bad = await buildPcnDossier({ dir: tempDir(), fileName: 'acme-bad-ufi.i6z', legalEntity: { uuid: le.leUuid, name: le.name }, malformedUfis: [MALFORMED_UFI] });
  await chooseFiles(page, 'Choose .i6z files…', [bad]);
  await expect(page.getByText('acme-bad-ufi.i6z')).toBeVisible();
  await runIt.click();
  await expect(page.locator('.app-header')).toContainText('Integration test · acme-e2e-001');
  await expect(page.getByText('Integration test acme-e2e-001: the calls work')).toBeVisible({ timeout: 60_000 });
  const integrationSteps = page.getByRole('list', { name: 'Integration test steps' }).getByRole('listitem');
  await expect(integrationSteps).toHaveCount(10);
  for (const item of await integrationSteps.all()) await expect(item).toHaveAttribute('data-state', 'passed');
  // No step's tick sits beside ECHA's refusal: the verdict is its own (red) box.
  await expect(page.getByRole('list', { name: 'Integration test steps' })).not.toContainText('VALIDATION_FAILED');
  const verdict = page.getByRole('group', { name: 'ECHA’s verdict on the dossiers' });
  await expect(verdict).toContainText('ECHA’s verdict: 1 of 1 dossier failed');
  await expect(verdict).toContainText('acme-bad-ufi.i6z: Failed ECHA’s validation (UFI_FORMAT)');
  await expect(verdict).toHaveClass(/callout--error/);
  await expect(page.locator('.callout--success')).toHaveCount(0);
  await snap(page, 'onboarding-5-integration-dossier-failed', true);
  await expectAccessible(page, 'integration test with a failed dossier');

  // Production is not open yet: without a passed dossier the step asks for an acknowledgement.
  await page.getByRole('button', { name: 'Skip to production' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Switch to production' })).toBeVisible();
  await expect(page.getByText(`No integration test in which ECHA passed one of ${le.name}’s dossiers`)).toBeVisible();
  await page.getByLabel(/To confirm, type the legal entity’s name/).fill(le.name);
  const go = page.getByRole('button', { name: `Switch ${le.name} to PRODUCTION` });
  await expect(go).toBeDisabled();
  await page.getByLabel('I go live without a dossier that ECHA passed in an integration test').check();
  await expect(page.getByLabel(/^Why/)).toBeVisible();
  await expect(go).toBeDisabled();
  await snap(page, 'onboarding-6-production-acknowledgement');
  await expectAccessible(page, 'production step asking for an acknowledgement');

  // Instead, the fixed dossier in the next test run: ECHA passes it.
  await page.getByRole('button', { name: 'Run an integration test with your own dossier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integration test' })).toBeVisible();
  await testRun.fill('acme-e2e-002');
  const good = await buildPcnDossier({ dir: tempDir(), fileName: 'acme-fixed.i6z', legalEntity: { uuid: le.leUuid, name: le.name } });
  await chooseFiles(page, 'Choose .i6z files…', [good]);
  await runIt.click();
  await expect(page.getByText('Integration test acme-e2e-002: the calls work')).toBeVisible({ timeout: 60_000 });
  await expect(verdict).toContainText('ECHA’s verdict: the dossier passed');
  await expect(verdict).toContainText('acme-fixed.i6z: Passed ECHA’s validation');
  await expect(verdict).toHaveClass(/callout--success/);
  await snap(page, 'onboarding-7-integration-dossier-passed', true);
  await expectAccessible(page, 'integration test with a passed dossier');

  await page.getByRole('button', { name: 'Continue to production' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Switch to production' })).toBeVisible();
  await expect(page.getByText(/No integration test in which ECHA passed/)).toHaveCount(0);
  const confirm = page.getByLabel(/To confirm, type the legal entity’s name/);
  await confirm.fill('Acme');
  await expect(go).toBeDisabled();
  await expect(page.getByText('The name does not match.')).toBeVisible();
  await confirm.fill(le.name);
  await snap(page, 'onboarding-8-production-confirmation');
  await expectAccessible(page, 'production confirmation');
  await go.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Submit' })).toBeVisible();
  await expect(page.locator('.app-header')).toHaveAttribute('data-mode', 'production');
  await expect(page.locator('.app-header')).toContainText('PRODUCTION');
  await expect(page.getByRole('note')).toContainText(`real notification to ECHA on behalf of ${le.name}`);
  await snap(page, 'submit-production');
});
