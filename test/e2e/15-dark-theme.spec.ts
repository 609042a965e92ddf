// The dark theme follows the OS (prefers-color-scheme), Windows high contrast (forced-colors) keeps
// focus rings and mode badges visible, and a dossier's facts (subject, trade names, PCN market
// countries) go from the Submit screen's inspection to history search and the detail view. Each main
// screen is photographed at 1366×768 in dark mode and scanned with axe (colour contrast included).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { buildPcnDossier } from '../fixtures/archives';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { tempDir } from './support/files';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { chooseFiles, entityButton, fileCard, historyRow, openScreen, switchEntity } from './support/ui';

const app = freshApp('dark-theme');
const le = newLegalEntity('Nordlys Kemi AS');
const prod = newLegalEntity('Polar Paints Oy');
const TEST_RUN = 'nordlys-e2e-001';

test.beforeAll(async () => {
  await e2eSandbox().addLegalEntity(le);
  await e2eSandbox().addLegalEntity(prod);
  const api = new AppApi(app());
  await api.readyProfile(prod, { production: true, activate: false });
  const profile = await api.readyProfile(le);
  await api.call('setProfileMode', { profileId: profile.id, mode: { kind: 'integration', testRun: TEST_RUN } });
});

/** Relative luminance (WCAG) of a computed `rgb(r, g, b)` colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const s = Number(v) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const css = (l: Locator, property: string) => l.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

async function darkPage(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ colorScheme: 'dark' });
}

test('dark mode: every main screen is dark, readable and axe-clean; a dossier’s facts are shown and searchable', async ({ page }) => {
  await darkPage(page);
  await page.goto(app().url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  // The OS preference reaches the page: dark background, light text (not the light set's #f4f6f8 / #17202a).
  const body = page.locator('body');
  expect(luminance(await css(body, 'background-color'))).toBeLessThan(0.02);
  expect(luminance(await css(body, 'color'))).toBeGreaterThan(0.7);
  await snap(page, 'dark-overview-1366');
  await expectAccessible(page, 'overview (dark)');

  // Submit: inspection shows what the dossier is about.
  const file = await buildPcnDossier({
    dir: tempDir(),
    fileName: 'aurora-cleaner.i6z',
    legalEntity: { uuid: le.leUuid, name: le.name },
    dossierName: 'aggr_7',
    mixtureName: 'Aurora Glass Cleaner',
    otherNames: [
      { type: 'trade name', name: 'Nordlys Shine 750 ml' },
      { type: 'trade name', name: 'Polar Clear, refill' },
    ],
    marketCountries: ['NO', 'SE', 'FI'],
  });
  await openScreen(page, 'Submit');
  await chooseFiles(page, 'Choose .i6z files…', [file]);
  const card = fileCard(page, 'aurora-cleaner.i6z');
  await expect(card.locator('dt', { hasText: /^Subject$/ }).locator('+ dd')).toHaveText('Aurora Glass Cleaner');
  await expect(card.locator('dt', { hasText: /^Trade names$/ }).locator('+ dd')).toHaveText('Nordlys Shine 750 ml; Polar Clear, refill');
  await expect(card.locator('dt', { hasText: /^Market countries$/ }).locator('+ dd')).toHaveText('NO, SE, FI');
  await snap(page, 'dark-submit-inspected-1366');
  await expectAccessible(page, 'submit with an inspected dossier (dark)');

  await page.getByRole('button', { name: 'Send 1 test dossier now' }).click();
  const summary = page.getByRole('region', { name: 'Batch summary' });
  await expect(summary.getByRole('status')).toHaveText('Batch finished: 1 passed, 0 failed.', { timeout: 30_000 });
  await snap(page, 'dark-submit-finished-1366');
  await expectAccessible(page, 'submit, batch finished (dark)');

  // History: found by a trade-name word, which neither the file name nor the dossier name holds.
  await openScreen(page, 'History');
  await page.getByRole('searchbox', { name: 'Search' }).fill('polar clear');
  await expect(historyRow(page, 'aurora-cleaner.i6z')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search' }).fill('nordlys shine');
  await expect(historyRow(page, 'aurora-cleaner.i6z')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search' }).fill('aurora glass');
  await expect(historyRow(page, 'aurora-cleaner.i6z')).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search' }).fill('polar nonexistentword');
  await expect(historyRow(page, 'aurora-cleaner.i6z')).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search' }).fill('shine');
  await expect(historyRow(page, 'aurora-cleaner.i6z')).toHaveCount(1);
  await snap(page, 'dark-history-1366');
  await expectAccessible(page, 'history (dark)');

  // Detail: the same facts.
  await historyRow(page, 'aurora-cleaner.i6z').click();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.locator('dt', { hasText: /^Subject$/ }).locator('+ dd')).toHaveText('Aurora Glass Cleaner');
  await expect(details.locator('dt', { hasText: /^Trade names$/ }).locator('+ dd')).toHaveText('Nordlys Shine 750 ml; Polar Clear, refill');
  await expect(details.locator('dt', { hasText: /^Market countries$/ }).locator('+ dd')).toHaveText('NO, SE, FI');
  await snap(page, 'dark-detail-1366');
  await expectAccessible(page, 'submission detail (dark)');

  await openScreen(page, 'Settings');
  await snap(page, 'dark-settings-1366');
  await expectAccessible(page, 'settings (dark)');
  for (const screen of ['Outbox', 'Export'] as const) {
    await openScreen(page, screen);
    await snap(page, `dark-${screen.toLowerCase()}-1366`);
    await expectAccessible(page, `${screen} (dark)`);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Client report/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Client report' })).toBeVisible();
  await snap(page, 'dark-client-report-1366');
  await expectAccessible(page, 'client report (dark)');

  // Production keeps its red bar in the dark theme: a saturated red, unlike the ordinary header.
  const banner = page.getByRole('banner');
  const ordinary = await css(banner, 'background-color');
  await switchEntity(page, prod.name);
  await expect(banner).toHaveAttribute('data-mode', 'production');
  const red = (await css(banner, 'background-color')).match(/\d+/g)!.map(Number) as [number, number, number];
  expect(red[0]).toBeGreaterThan(130);
  expect(red[0]).toBeGreaterThan(3 * Math.max(red[1], red[2]));
  expect(await css(banner, 'background-color')).not.toBe(ordinary);
  await openScreen(page, 'Submit');
  await snap(page, 'dark-submit-production-1366');
  await expectAccessible(page, 'submit in production (dark)');

  // The add-entity wizard.
  await entityButton(page).click();
  await page.getByRole('button', { name: 'Add a legal entity…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up a legal entity' })).toBeVisible();
  await snap(page, 'dark-wizard-1366');
  await expectAccessible(page, 'wizard (dark)');
});

test('light mode is still the light set', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app().url);
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(244, 246, 248)');
  await expect(page.locator('body')).toHaveCSS('color', 'rgb(23, 32, 42)');
});

test('forced colors (Windows high contrast): focus ring drawn as an outline, mode badges and pills outlined', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
  await page.goto(app().url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
  // The box-shadow ring vanishes in forced colours; the outline rule must stand in for it.
  const sync = page.getByRole('banner').getByRole('button', { name: 'Sync now' });
  await sync.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(sync).toBeFocused();
  await expect(sync).toHaveCSS('outline-style', 'solid');
  await expect(sync).toHaveCSS('outline-width', '2px');
  const banner = page.getByRole('banner');
  const badge = banner.locator('.mode-badge').first();
  await expect(badge).toHaveCSS('border-top-style', 'solid');
  // The OS palette paints every text: computed colours are the forced ones, text on Canvas.
  const bodyColor = await css(page.locator('body'), 'color');
  const bodyBackground = await css(page.locator('body'), 'background-color');
  expect(await css(page.locator('.app-header__logo'), 'color')).toBe(bodyColor);
  await switchEntity(page, le.name);
  await expect(banner).toHaveAttribute('data-mode', 'integration');
  expect(await css(badge, 'color')).toBe(bodyColor);
  expect(await css(badge, 'background-color')).toBe(bodyBackground);
  await snap(page, 'forced-colors-integration-1366');
  // Production, without its red: the badge takes the highlight pair (not Canvas), a heavier border,
  // and the header a double rule.
  await switchEntity(page, prod.name);
  await expect(banner).toHaveAttribute('data-mode', 'production');
  expect(await css(badge, 'background-color')).not.toBe(bodyBackground);
  expect(await css(badge, 'background-color')).not.toBe(await css(banner, 'background-color'));
  await expect(badge).toHaveCSS('border-top-width', '2px');
  await expect(banner).toHaveCSS('border-bottom-style', 'double');
  await snap(page, 'forced-colors-1366');
  // axe measures contrast from the author's colours, which the forced palette replaces (the colours
  // checked above and the screenshot are what is drawn); every other rule still applies.
  await expectAccessible(page, 'forced colors', { disableRules: ['color-contrast'] });
});
