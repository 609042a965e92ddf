// Settings has one Save for the whole screen (the legal entity's fields, the application's and the
// network's), always in view, and edits are not lost silently: leaving the screen in the app asks
// (stay, discard, save and continue), and so does reloading or closing the window.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { entityButton, openScreen } from './support/ui';

const app = freshApp('settings-save');
const sandbox = e2eSandbox();
const first = newLegalEntity('Kemira Test Oy');
const second = newLegalEntity('Lahti Lacquers Oy');

test.beforeAll(async () => {
  for (const le of [second, first]) await sandbox.addLegalEntity(le);
  const api = new AppApi(app());
  await api.readyProfile(second);
  await api.readyProfile(first);
});

const saveButton = (page: Page) => page.getByRole('button', { name: 'Save changes' });
const status = (page: Page) => page.locator('.settings-savebar').getByRole('status');
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${name}`) });

test('one Save for the screen, in view at 1366×768, saves the entity and the application settings together', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);
  await openScreen(page, 'Settings');
  await expect(page.getByRole('button', { name: /^Save (legal entity|settings)$/ })).toHaveCount(0);
  await expect(saveButton(page)).toHaveCount(1);
  await expect(saveButton(page)).toBeInViewport();
  await expect(status(page)).toHaveText('');

  await page.getByLabel('Client group').fill('Baltic Clients');
  const batch = page.getByLabel('Batch size (uploads)');
  const batchBefore = await batch.inputValue();
  await batch.fill(String(Number(batchBefore) - 1));
  await expect(status(page)).toHaveText('Unsaved changes.');
  // Scrolled down to the application fields: the Save is still in view.
  await batch.scrollIntoViewIfNeeded();
  await expect(saveButton(page)).toBeInViewport();
  await snap(page, 'settings-one-save-dirty-1366');
  await expectAccessible(page, 'Settings with unsaved changes');

  // Enter in any field saves the whole screen.
  await page.getByLabel('Client group').press('Enter');
  await expect(status(page)).toHaveText('Saved.');
  await page.reload();
  await openScreen(page, 'Settings');
  await expect(page.getByLabel('Client group')).toHaveValue('Baltic Clients');
  await expect(page.getByLabel('Batch size (uploads)')).toHaveValue(String(Number(batchBefore) - 1));

  // A refused field: nothing of that part is saved, and the bar says which part.
  await page.getByLabel('Batch size (uploads)').fill('0');
  await expect(saveButton(page)).toBeDisabled();
  await expect(page.locator('.settings-savebar')).toContainText('Correct the marked fields to save.');
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByLabel('Batch size (uploads)')).toHaveValue(String(Number(batchBefore) - 1));
  await expect(saveButton(page)).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Discard changes' })).toBeDisabled();
});

test('leaving Settings with unsaved edits asks: stay, discard, or save and continue', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);
  await openScreen(page, 'Settings');
  const name = page.getByLabel('Display name');
  await name.fill('Kemira Test Oy (renamed)');

  // The side nav: asked; Escape stays, the edit kept, focus back on what was clicked.
  await nav(page, 'History').click();
  const dialog = page.getByRole('dialog', { name: 'Save your changes?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Stay on Settings' })).toBeFocused();
  await snap(page, 'settings-leave-question-1366');
  await expectAccessible(page, 'the unsaved-changes question');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(name).toHaveValue('Kemira Test Oy (renamed)');
  await expect(nav(page, 'History')).toBeFocused();

  // A keyboard shortcut asks too; Discard goes on, the new screen's heading has focus.
  await page.keyboard.press('Alt+3');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeFocused();
  await openScreen(page, 'Settings');
  await expect(name).toHaveValue('Kemira Test Oy');

  // Switching the legal entity: Save and continue saves, then switches.
  await name.fill('Kemira Test Oy (saved)');
  await entityButton(page).click();
  const search = page.getByRole('combobox', { name: 'Find a legal entity' });
  await search.fill(second.name);
  await search.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Save and continue' }).click();
  await expect(dialog).toBeHidden();
  await expect(entityButton(page)).toContainText(second.name);
  // Each entity keeps its own screen: back on the first, its Settings show what was saved.
  await entityButton(page).click();
  await search.fill('Kemira');
  await search.press('Enter');
  await expect(entityButton(page)).toContainText('Kemira Test Oy (saved)');
  await expect(page.getByLabel('Display name')).toHaveValue('Kemira Test Oy (saved)');

  // Nothing pending: leaving asks nothing.
  await nav(page, 'Outbox').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeFocused();
  await expect(dialog).toHaveCount(0);
});

test('reloading or closing the window with unsaved edits asks the browser’s question', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'Settings');
  const group = page.getByLabel('Client group');
  await group.click();
  await group.press('End');
  await group.pressSequentially(' East');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.type());
    void d.accept();
  });
  await page.reload();
  expect(asked).toEqual(['beforeunload']);
  // Left without saving: the stored value stands.
  await openScreen(page, 'Settings');
  await expect(page.getByLabel('Client group')).toHaveValue('Baltic Clients');
  // Nothing pending: no question.
  page.once('dialog', (d) => {
    asked.push(d.type());
    void d.accept();
  });
  await page.reload();
  await openScreen(page, 'Settings');
  expect(asked).toEqual(['beforeunload']);
});

test('an edit in progress survives the profile changing underneath it; the untouched fields take the new values', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'Settings');
  const name = page.getByLabel('Display name');
  const shownName = await name.inputValue();
  const profile = (await new AppApi(app()).call('listProfiles', {})).profiles.find((p) => p.displayName === shownName)!;
  await name.fill(`${shownName} (renamed)`);
  await expect(status(page)).toHaveText('Unsaved changes.');
  // Main replaces the profile (as after a test run bumps its numbering): another field, not the one edited.
  await new AppApi(app()).call('updateProfile', { profileId: profile.id, patch: { testRunPrefix: 'edge-case' } });
  await expect(page.getByLabel('Test-run prefix')).toHaveValue('edge-case');
  await expect(name).toHaveValue(`${shownName} (renamed)`);
  await expect(status(page)).toHaveText('Unsaved changes.');
  // The same for the application settings: a batch size being edited stays while the separator,
  // changed elsewhere (the Export screen shares it), follows.
  const batch = page.getByLabel('Batch size (uploads)');
  const batchBefore = await batch.inputValue();
  await batch.fill(String(Number(batchBefore) + 1));
  const separator = page.getByLabel('Column separator');
  const otherSeparator = (await separator.inputValue()) === ';' ? ',' : ';';
  await new AppApi(app()).call('updateSettings', { patch: { csvDelimiter: otherSeparator } });
  await expect(separator).toHaveValue(otherSeparator);
  await expect(batch).toHaveValue(String(Number(batchBefore) + 1));
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(name).toHaveValue(shownName);
  await expect(batch).toHaveValue(batchBefore);
});
