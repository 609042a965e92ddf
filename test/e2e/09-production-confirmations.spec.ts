// Every send to PRODUCTION is confirmed in a dialog that names the legal entity: submit (with each
// file's pre-flight warnings), retry, "Retry all held", submit by reference and C&L. Removing an upload
// whose outcome is unknown says it may have reached ECHA and offers to check first.
import { expect, test, type Page } from '@playwright/test';
import { buildClpDossier, buildPcnDossier } from '../fixtures/archives';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { pcnDossier } from './support/dossiers';
import { tempDir } from './support/files';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { chooseFiles, fileCard, openScreen } from './support/ui';

const app = freshApp('production-confirmations');
const le = newLegalEntity('Tampere Polymers Oyj');
const sandbox = e2eSandbox();

/**
 * Submits one PCN dossier in production while the connection breaks after the whole file was sent:
 * ECHA records the upload, the answer never comes, and the upload is held with its outcome unknown.
 */
async function submitOutcomeUnknown(page: Page, fileName: string, dossierName: string): Promise<void> {
  const dossier = await pcnDossier(le, fileName, { dossierName });
  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await chooseFiles(page, 'Choose .i6z files…', [dossier]);
  await expect(fileCard(page, fileName)).toContainText('No pre-flight problems found');
  await sandbox.setFaults({ rateDropAfterBody: 1, only: ['submit'] });
  await page.getByRole('button', { name: 'Submit 1 dossier to PRODUCTION' }).click();
  await page.getByRole('dialog').getByRole('button', { name: `Submit 1 dossier for ${le.name}` }).click();
  await expect(page.locator('.delivery--held')).toHaveCount(1, { timeout: 30_000 });
  await sandbox.clearFaults();
}

test.beforeAll(async () => {
  await sandbox.addLegalEntity(le);
  await new AppApi(app()).readyProfile(le, { production: true });
});

test.afterAll(async () => {
  await sandbox.clearFaults();
});

test('submit names the entity and lists each file’s warnings; retry and retry all ask too', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const plain = await pcnDossier(le, 'resin-pcn.i6z', { dossierName: 'Resin PCN' });
  // No legal entity inside: a pre-flight warning (not a block), the user decides.
  const noLe = await buildPcnDossier({ dir: tempDir(), fileName: 'hardener-pcn.i6z', legalEntity: null, dossierName: 'Hardener PCN' });
  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await chooseFiles(page, 'Choose .i6z files…', [plain, noLe]);
  await expect(fileCard(page, 'hardener-pcn.i6z')).toContainText('does not say which legal entity');

  await page.getByRole('button', { name: 'Submit 2 dossiers to PRODUCTION' }).click();
  const confirm = page.getByRole('dialog', { name: `Submit to ECHA in PRODUCTION for ${le.name}?` });
  await expect(confirm).toContainText(`2 dossiers will be submitted to ECHA as legally binding notifications on behalf of ${le.name} (${le.leUuid}).`);
  await expect(confirm).toContainText('1 dossier has warnings: read them before you confirm.');
  const listed = confirm.getByRole('list', { name: 'What will be sent' });
  await expect(listed.getByRole('listitem').filter({ hasText: 'resin-pcn.i6z' })).not.toContainText('Warning');
  await expect(listed.getByRole('listitem').filter({ hasText: 'hardener-pcn.i6z' }).first()).toContainText('Warning: The dossier does not say which legal entity');
  await snap(page, 'confirm-submit-production-warnings-1366');
  await expectAccessible(page, 'production submit confirmation with warnings');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();

  // ECHA fails for a while: both uploads are held in the Outbox.
  await sandbox.setFaults({ rate500: 1, only: ['submit'] });
  await page.getByRole('button', { name: 'Submit 2 dossiers to PRODUCTION' }).click();
  await confirm.getByRole('button', { name: `Submit 2 dossiers for ${le.name}` }).click();
  await expect(page.locator('.delivery--held')).toHaveCount(2, { timeout: 30_000 });
  await sandbox.clearFaults();

  await openScreen(page, 'Outbox');
  const held = page.getByRole('list', { name: 'Uploads in the outbox' }).locator('li.outbox-item--held');
  await expect(held).toHaveCount(2);
  // One retry: confirmed, naming the entity; Cancel sends nothing.
  await held.filter({ hasText: 'resin-pcn.i6z' }).getByRole('button', { name: /^Retry/ }).click();
  const again = page.getByRole('dialog', { name: 'Send again to ECHA in PRODUCTION?' });
  await expect(again).toContainText(`1 upload will be sent again to ECHA as a legally binding notification on behalf of ${le.name} (${le.leUuid}).`);
  await expect(again).toContainText('Held:');
  await expectAccessible(page, 'production retry confirmation');
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(held).toHaveCount(2);

  // Retry all held: the same question, for both.
  await page.getByRole('button', { name: 'Retry all held' }).click();
  await expect(again).toContainText(`2 uploads will be sent again to ECHA as legally binding notifications on behalf of ${le.name}`);
  await expect(again.getByRole('list', { name: 'What will be sent' }).getByRole('listitem').filter({ hasText: '.i6z' })).toHaveCount(2);
  await snap(page, 'confirm-retry-all-production-1366');
  await again.getByRole('button', { name: 'Send 2 uploads to PRODUCTION' }).click();
  // Technical failures have an automatic retry planned (Annex B): retrying sooner is asked too.
  const early = page.getByRole('dialog', { name: 'Retry before the planned automatic retry?' });
  await early.getByRole('button', { name: 'Retry now anyway' }).click();
  await expect(held).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByText('The outbox is empty')).toBeVisible();
  // The empty state claims nothing it cannot know.
  await expect(page.locator('#main')).toContainText(`No upload is waiting, running or held for ${le.name}.`);
  await expect(page.locator('#main')).not.toContainText('Every upload so far reached ECHA');
});

test('removing an upload whose outcome is unknown warns it may have reached ECHA and offers to check', async ({ page }) => {
  await submitOutcomeUnknown(page, 'sealant-pcn.i6z', 'Sealant PCN');

  await openScreen(page, 'Outbox');
  const item = page.getByRole('list', { name: 'Uploads in the outbox' }).getByRole('listitem', { name: 'sealant-pcn.i6z' });
  await item.getByRole('button', { name: /^Remove/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this upload?' });
  await expect(dialog.getByRole('note')).toContainText('This upload may have reached ECHA.');
  await expect(dialog.getByRole('note')).toContainText('does not withdraw it at ECHA');
  await snap(page, 'outbox-remove-outcome-unknown');
  await expectAccessible(page, 'remove an upload with an unknown outcome');
  await dialog.getByRole('button', { name: 'Check ECHA first' }).click();
  // The History, searched for the file: the sandbox did record it, so it is there.
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('sealant-pcn.i6z');
});

test('submit by reference and C&L in production are confirmed naming the entity', async ({ page }) => {
  const scip = crypto.randomUUID();
  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await page.getByRole('tab', { name: 'Submit by reference' }).click();
  await page.getByLabel('SCIP numbers').fill(scip);
  await page.getByRole('button', { name: 'Submit by reference to PRODUCTION' }).click();
  const sbr = page.getByRole('dialog', { name: `Submit by reference in PRODUCTION for ${le.name}?` });
  await expect(sbr).toContainText(`1 SCIP number will be notified by reference to ECHA as a legally binding notification on behalf of ${le.name} (${le.leUuid}).`);
  await expect(sbr).toContainText(scip);
  await expectAccessible(page, 'submit by reference confirmation');
  await page.keyboard.press('Escape');
  await expect(sbr).toBeHidden();

  const clp = await buildClpDossier({ dir: tempDir(), fileName: 'solvent-clp.i6z', legalEntity: { uuid: le.leUuid, name: le.name } });
  await page.getByRole('tab', { name: 'C&L notification' }).click();
  await chooseFiles(page, 'Choose a .i6z file…', [clp]);
  await page.getByLabel('MI group id').fill(crypto.randomUUID());
  await page.getByLabel('Contact id').fill(crypto.randomUUID());
  await page.getByRole('button', { name: 'Submit C&L notification to PRODUCTION' }).click();
  const dialog = page.getByRole('dialog', { name: `Submit the C&L notification in PRODUCTION for ${le.name}?` });
  await expect(dialog).toContainText(`1 C&L notification will be submitted to ECHA as a legally binding notification on behalf of ${le.name}`);
  await expect(dialog).toContainText('solvent-clp.i6z');
  await snap(page, 'confirm-clp-production');
  await expectAccessible(page, 'C&L confirmation');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('Retry of an upload whose outcome is unknown waits and says until when; the user links it by hand', async ({ page }) => {
  const api = new AppApi(app());
  await submitOutcomeUnknown(page, 'adhesive-pcn.i6z', 'Adhesive PCN');

  await openScreen(page, 'Outbox');
  const items = page.getByRole('list', { name: 'Uploads in the outbox' });
  const item = items.getByRole('listitem', { name: 'adhesive-pcn.i6z' });
  await item.getByRole('button', { name: /^Retry/ }).click();
  await page.getByRole('dialog', { name: 'Send again to ECHA in PRODUCTION?' }).getByRole('button', { name: /^Send 1 upload/ }).click();
  // The first request could still land: nothing is read or sent before the time shown.
  await expect(item).toContainText(/Checking whether ECHA received it — can send again at \d{1,2}[:.]\d{2}/);
  await page.setViewportSize({ width: 1366, height: 768 });
  await snap(page, 'outbox-checking-whether-echa-received-it');
  await expectAccessible(page, 'outbox waiting before a resend');

  // The user found the submission in the portal meanwhile (here: the app's own history after a sync).
  await item.getByRole('button', { name: /^Link to a submission number/ }).click();
  const field = item.getByLabel('ECHA submission number');
  await field.fill('not a number');
  await item.getByRole('button', { name: /^Link/ }).last().click();
  await expect(item).toContainText('A submission number looks like AAD678032-54.');
  await api.call('syncNow', { profileId: null });
  const profileId = (await api.call('listProfiles', {})).profiles.find((p) => p.leUuid === le.leUuid)!.id;
  const page1 = await api.call('queryHistory', {
    filter: { profileId },
    sort: { column: 'submittedAt', direction: 'desc' },
    page: { kind: 'offset', offset: 0, limit: 5 },
  });
  const number = page1.rows[0]!.submissionNumber;
  await field.fill(number);
  await snap(page, 'outbox-link-by-hand');
  await expectAccessible(page, 'link an upload to a submission number');
  await item.getByRole('button', { name: /^Link/ }).last().click();
  await expect(page.getByText(`adhesive-pcn.i6z is linked to submission ${number}; it will not be sent again.`)).toBeVisible();
  await expect(item).toHaveCount(0);
});
