// The consultant's morning: every legal entity at a glance. Three entities (two in production with
// history learnt from ECHA's events, one still in its tests), the attention list across them, and one
// click from an attention row into the entity it belongs to.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { entityButton } from './support/ui';

const app = freshApp('overview');
const sandbox = e2eSandbox();
const cedar = newLegalEntity('Cedar Coatings GmbH');
const delta = newLegalEntity('Delta Detergents BV');
const ember = newLegalEntity('Ember Polymers Oy');

test.beforeAll(async () => {
  for (const le of [cedar, delta, ember]) await sandbox.addLegalEntity(le);
  const api = new AppApi(app());
  const c = await api.readyProfile(cedar, { production: true });
  const d = await api.readyProfile(delta, { production: true });
  await api.call('updateProfile', { profileId: c.id, patch: { clientGroup: 'Nordic chemicals group' } });
  await api.call('updateProfile', { profileId: d.id, patch: { clientGroup: 'Nordic chemicals group' } });
  // Ember stays in its tests: it has a key and a passed connectivity test, no integration test yet.
  await api.readyProfile(ember);
  await sandbox.seed(cedar.leUuid, { kind: 'production' }, 30);
  await sandbox.seed(delta.leUuid, { kind: 'production' }, 8);
  await api.call('syncNow', { profileId: null });
});

test('the overview shows every entity, what needs attention, and opens it in its entity', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);
  // The session opens on the overview once an entity is set up: no click needed.
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Overview/ })).toHaveAttribute('aria-current', 'page');

  const cards = page.locator('.entity-card');
  await expect(cards).toHaveCount(3);
  // Grouped by client: the named group first, the entity without one after it.
  await expect(page.getByRole('heading', { level: 2, name: /Nordic chemicals group/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /No client group/ })).toBeVisible();
  const cedarCard = cards.filter({ hasText: cedar.name });
  await expect(cedarCard.getByText('Production', { exact: true })).toBeVisible();
  // Seeded history: the three counts add up to what the sandbox made for this entity.
  await expect
    .poll(async () => {
      const n = await cedarCard.locator('.entity-card__counts dd').allInnerTexts();
      return n.reduce((sum, t) => sum + Number(t.replace(/\D/g, '')), 0);
    })
    .toBe(30);
  // Its chart is drawn once the card is scrolled to (charts off screen wait).
  await cedarCard.scrollIntoViewIfNeeded();
  await expect(cedarCard.getByRole('img', { name: /submitted/ })).toBeVisible();
  await snap(page, 'overview-cards-1366');

  // Ember is not through its tests: an attention row and a chip say so.
  const list = page.locator('.attention-list');
  const emberRow = list.getByRole('button', { name: new RegExp(`Set-up not finished.*${ember.name}`) });
  await expect(emberRow).toBeVisible();
  await expect(cards.filter({ hasText: ember.name }).getByRole('button', { name: 'Tests not finished' })).toBeVisible();

  await snap(page, 'overview-1366');
  await expectAccessible(page, 'overview');

  // One click (here: the keyboard) from the row into the entity's set-up.
  await emberRow.focus();
  await page.keyboard.press('Enter');
  await expect(entityButton(page)).toContainText(ember.name);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Overview');

  // Alt+0 comes back.
  await page.keyboard.press('Alt+0');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});
