// The monthly client report: for one entity and for a client group, over a period, with charts, as the
// consultant sends it. Printed to PDF by Chromium through the print stylesheet (the report alone),
// read back as text (no app chrome, no key) and turned into PNG pages to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { SCREENSHOT_DIR, snap } from './support/screenshots';
import { openScreen } from './support/ui';

const app = freshApp('client-report');
const sandbox = e2eSandbox();
const cedar = newLegalEntity('Cedar Coatings GmbH');
const delta = newLegalEntity('Delta Detergents BV');

test.beforeAll(async () => {
  for (const le of [cedar, delta]) await sandbox.addLegalEntity(le);
  const api = new AppApi(app());
  const c = await api.readyProfile(cedar, { production: true });
  const d = await api.readyProfile(delta, { production: true, activate: false });
  await api.call('setActiveProfile', { profileId: c.id });
  await api.call('updateProfile', { profileId: c.id, patch: { clientGroup: 'Nordic chemicals group' } });
  await api.call('updateProfile', { profileId: d.id, patch: { clientGroup: 'Nordic chemicals group' } });
  await sandbox.seed(cedar.leUuid, { kind: 'production' }, 30);
  await sandbox.seed(delta.leUuid, { kind: 'production' }, 8);
  await api.call('syncNow', { profileId: null });
});

/** Today and yesterday as the browser's date inputs hold them, in the page's zone (Europe/Helsinki). */
async function recentDays(page: Page): Promise<{ yesterday: string; today: string }> {
  return page.evaluate(() => {
    const d = (x: Date) => `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
    const now = new Date();
    return { yesterday: d(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)), today: d(now) };
  });
}

const tile = (page: Page, word: string) => page.locator('.report-tiles li').filter({ hasText: new RegExp(`\\b${word}$`) }).locator('.report-tiles__n');

test('a client report for one entity and for its client group, on screen and as a PDF', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: /^Client report/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Client report' })).toBeVisible();
  const report = page.getByRole('article', { name: cedar.name });
  // Opens on last month for the active entity: the history seeded just now is not in it.
  await expect(report).toBeVisible();
  await expect(report.getByText('No submission in this period.')).toBeVisible();
  await expect(report.getByText('No failed submission in this period.')).toBeVisible();

  // The last two days: all 30 seeded submissions of Cedar, in production.
  const { yesterday, today } = await recentDays(page);
  await page.getByLabel('Period').selectOption({ label: 'Custom dates' });
  await page.getByLabel('From').fill(yesterday);
  await page.getByLabel('To').fill(today);
  await page.getByRole('button', { name: 'Create report' }).click();
  await expect(tile(page, 'submitted')).toHaveText('30');
  const passed = Number(await tile(page, 'passed').innerText());
  const failed = Number(await tile(page, 'failed').innerText());
  const pending = Number(await tile(page, 'pending').innerText());
  expect(passed + failed + pending).toBe(30);
  expect(passed).toBeGreaterThan(0);
  // Cover: who, which period, when and by which version.
  await expect(report).toContainText(cedar.leUuid);
  await expect(report).toContainText('Legally binding notifications (production)');
  await expect(report).toContainText(/Generated.*by ECHA S2S Desktop \S+, from ECHA’s events/);
  // Charts drawn as SVG with their numbers readable.
  await expect(report.getByRole('img', { name: /^Submissions per day:/ })).toBeVisible();
  await expect(report.getByText('Failures by validation code (submissions)')).toBeVisible();
  if (failed > 0) await expect(report.getByRole('img', { name: /^Failed submissions per validation code:/ })).toBeVisible();
  await expect(report.getByRole('img', { name: /^Downloaded of dispatched, per country:/ })).toBeVisible();
  // The table: one row per submission; one entity, so no entity column.
  const table = report.locator('.client-report__rows table');
  await expect(table.locator('tbody tr')).toHaveCount(30);
  await expect(table.getByRole('columnheader', { name: 'Legal entity' })).toHaveCount(0);
  await snap(page, 'client-report-entity-1366');
  await snap(page, 'client-report-entity-full', true);
  await expectAccessible(page, 'client report');

  // The client group: both entities, counted together, with an entity column.
  await page.getByLabel('Client').selectOption({ label: 'Nordic chemicals group' });
  await page.getByRole('button', { name: 'Create report' }).click();
  const group = page.getByRole('article', { name: 'Nordic chemicals group' });
  await expect(group.locator('.report-tiles li').first().locator('.report-tiles__n')).toHaveText('38');
  await expect(group).toContainText(delta.leUuid);
  await expect(group.locator('.client-report__rows tbody tr')).toHaveCount(38);
  await expect(group.getByRole('columnheader', { name: 'Legal entity' })).toBeVisible();
  await expect(group.locator('.client-report__rows tbody tr').filter({ hasText: delta.name })).toHaveCount(8);

  // "Save as PDF" in a browser opens the print dialog (its "Save as PDF"): the page asks for it once.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Save as PDF…' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // What that dialog saves: Chromium's PDF of the page through the print stylesheet.
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const pdfPath = join(SCREENSHOT_DIR, 'client-report.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('Nordic chemicals group');
  expect(text).toContain(cedar.leUuid);
  expect(text).toContain('Submissions per day, by status');
  // The report alone: no navigation, header buttons or form on paper, and never a key.
  for (const chrome of ['Sync now', 'Create report', 'Save as PDF', 'Outbox']) expect(text).not.toContain(chrome);
  for (const le of [cedar, delta]) expect(text).not.toContain(le.apiKey);
  // PNG pages to look at (test-results/screenshots/client-report-page-N.png).
  for (const f of readdirSync(SCREENSHOT_DIR)) if (/^client-report-page-\d+\.png$/.test(f)) rmSync(join(SCREENSHOT_DIR, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(SCREENSHOT_DIR, 'client-report-page')]);
  const pages = readdirSync(SCREENSHOT_DIR).filter((f) => /^client-report-page-\d+\.png$/.test(f));
  expect(pages.length).toBeGreaterThanOrEqual(2); // summary, then the table from a new page
  expect(existsSync(join(SCREENSHOT_DIR, pages[0]!))).toBe(true);

  // Keyboard: the nav reaches the screen with Alt+6 from anywhere.
  await openScreen(page, 'History');
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: 'Client report' })).toBeVisible();
});
