// A consultant with well over a hundred legal entities, some of them in PRODUCTION: the header's picker
// finds one by typing (name, client group or UUID), switches only on Enter or a click, and arrow keys
// alone never make another entity active, however many entities they pass.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, e2eSandboxApiBase, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { entityButton, openScreen } from './support/ui';

const app = freshApp('entity-picker');
const sandbox = e2eSandbox();
// Alphabetically the production entities sit right after the active one: ArrowDown passes them first.
const active = newLegalEntity('Aaltonen Coatings Oy');
const prodA = newLegalEntity('Ab Produktion Kemi AB');
const prodB = newLegalEntity('Ac Müller Lacke GmbH');
const MANY = 120;

test.beforeAll(async () => {
  for (const le of [active, prodA, prodB]) await sandbox.addLegalEntity(le);
  const api = new AppApi(app());
  await api.readyProfile(prodA, { production: true });
  await api.readyProfile(prodB, { production: true });
  for (let i = 1; i <= MANY; i++) {
    const le = newLegalEntity(`Client ${String(i).padStart(3, '0')} Chemicals Ltd with a long registered company name`);
    await api.call('createProfile', {
      displayName: le.name,
      leUuid: le.leUuid,
      username: le.username,
      baseUrl: e2eSandboxApiBase(),
      clientGroup: i % 10 === 0 ? 'Nordic Paints Group' : undefined,
      activate: false,
    });
  }
  await api.readyProfile(active);
});

test('arrow keys only move the highlight; Enter switches; production stays unmissable', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);
  const button = entityButton(page);
  await expect(button).toContainText(active.name);
  const banner = page.getByRole('banner');
  await expect(banner).toHaveAttribute('data-mode', 'connectivity');

  await button.focus();
  await page.keyboard.press('Enter');
  const search = page.getByRole('combobox', { name: 'Find a legal entity' });
  await expect(search).toBeFocused();
  const list = page.getByRole('listbox', { name: 'Legal entities' });
  await expect(list.getByRole('option')).toHaveCount(MANY + 3);
  // The highlight starts on the active entity.
  await expect(list.getByRole('option', { selected: true })).toContainText(active.name);

  // Down through both production entities and on past a hundred more: nothing switches.
  for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toContainText(prodB.name);
  await expect(list.getByRole('option', { selected: true })).toContainText('PRODUCTION');
  await expect(banner).toHaveAttribute('data-mode', 'connectivity');
  for (let i = 0; i < 130; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageUp');
  await expect(banner).toHaveAttribute('data-mode', 'connectivity');
  await expect(page.getByRole('note')).toHaveCount(0);
  await expect(page).toHaveTitle(new RegExp(`^${active.name} · Connectivity`));
  // Past the last entry is not "add an entity": the add-entity wizard did not open.
  await expect(page.getByRole('heading', { level: 1, name: 'Set up a legal entity' })).toHaveCount(0);
  // Escape closes without switching and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toContainText(active.name);

  // Type to filter: a client group finds its entities, accents do not matter.
  await page.keyboard.press('Enter');
  await page.keyboard.type('nordic paints');
  await expect(list.getByRole('option')).toHaveCount(MANY / 10);
  await expect(list.getByRole('option').first()).toContainText('Nordic Paints Group');
  await expect(page.getByRole('status').filter({ hasText: 'legal entities match' })).toHaveText(`12 of ${MANY + 3} legal entities match`);
  await snap(page, 'entity-picker-filtered-1366');
  await expectAccessible(page, 'entity picker');
  await search.fill('muller');
  await expect(list.getByRole('option')).toHaveCount(1);
  await search.fill('no such entity');
  await expect(page.getByText('No legal entity matches “no such entity”.')).toBeVisible();

  // Enter on a production entity switches to it, and the whole header says PRODUCTION.
  await search.fill('Ab Produktion');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(button).toContainText(prodA.name);
  await expect(button).toBeFocused();
  await expect(banner).toHaveAttribute('data-mode', 'production');
  await expect(page.getByRole('note')).toContainText(`PRODUCTION — everything sent from here is a real notification to ECHA on behalf of ${prodA.name}`);
  await snap(page, 'entity-picker-switched-production-1366');

  // A click switches too; the whole (long) name is readable in the list and in the button.
  await button.click();
  const long = list.getByRole('option').filter({ hasText: 'Client 007 Chemicals Ltd with a long registered company name' });
  await long.scrollIntoViewIfNeeded();
  await long.click();
  await expect(button).toHaveAccessibleName('Legal entity Client 007 Chemicals Ltd with a long registered company name local sandbox');
  await expect(banner).toHaveAttribute('data-mode', 'connectivity');
  const box = await button.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(1366);
  await snap(page, 'entity-picker-long-name-1366');
});

test('"Add a legal entity" is its own action, and the header then shows no other entity’s mode', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);
  const button = entityButton(page);
  // Start from a production entity: its red header must not stay while another entity is added.
  await button.click();
  await page.getByRole('combobox', { name: 'Find a legal entity' }).fill('Ac Müller');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner')).toHaveAttribute('data-mode', 'production');

  await button.click();
  await page.getByRole('button', { name: 'Add a legal entity…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up a legal entity' })).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner).toHaveAttribute('data-mode', 'none');
  await expect(banner).toContainText('Adding a legal entity');
  await expect(banner).not.toContainText('PRODUCTION');
  await expect(page).toHaveTitle(/^Adding a legal entity/);
  await snap(page, 'entity-picker-adding-1366');
  await expectAccessible(page, 'adding a legal entity');
});

test('the client group is edited in the entity’s settings and shown in the picker', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'Settings');
  const group = page.getByLabel('Client group');
  await expect(group).toHaveValue('');
  await group.fill('  Baltic Clients  ');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
  await page.reload();
  await openScreen(page, 'Settings');
  await expect(page.getByLabel('Client group')).toHaveValue('Baltic Clients');
  await entityButton(page).click();
  await page.getByRole('combobox', { name: 'Find a legal entity' }).fill('baltic clients');
  await expect(page.getByRole('listbox', { name: 'Legal entities' }).getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('listbox', { name: 'Legal entities' }).getByRole('option', { selected: true })).toContainText('Baltic Clients');
  // Emptying the field removes the group.
  await page.keyboard.press('Escape');
  await page.getByLabel('Client group').fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();
  await page.reload();
  await openScreen(page, 'Settings');
  await expect(page.getByLabel('Client group')).toHaveValue('');
});
