// An Excel-ready CSV for a consultant in Germany: the separator follows the locale (';' where the decimal
// separator is a comma) and is one remembered setting shared by the Export screen and Settings; times are
// YYYY-MM-DD HH:MM:SS in the zone shown, named in the headers; statuses in plain words with their codes
// in a column of their own. The file is read back with csv-parse.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { openScreen, syncUntil } from './support/ui';

test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 1366, height: 768 } });

const app = freshApp('csv-export');
const sandbox = e2eSandbox();
const le = newLegalEntity('Rheinland Lacke GmbH');

test.beforeAll(async () => {
  await sandbox.addLegalEntity(le);
  await new AppApi(app()).readyProfile(le, { production: true });
});

async function download(page: Page): Promise<{ text: string; name: string }> {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  const file = await pending;
  await expect(page.getByText('Export saved')).toBeVisible();
  return { text: readFileSync((await file.path()) ?? '', 'utf8'), name: file.suggestedFilename() };
}

test('a German locale gets semicolons by default; the choice is remembered and shared with Settings', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'History');
  // Submissions made elsewhere, learnt from ECHA's events while the page is open (their verdicts notify).
  await sandbox.seed(le.leUuid, { kind: 'production' }, 6);
  const summary = page.getByRole('status').filter({ hasText: /submissions?( match the filters)?$/ });
  // Six seeded; the connectivity test's own submission is a dummy, not counted.
  await syncUntil(page, async () => expect(summary).toHaveText('6 submissions', { timeout: 1500 }));
  // The verdicts of that sync arrive as one summary, not a pile of toasts over the table.
  const notices = page.getByRole('region', { name: 'Notifications' });
  await expect(notices.getByText(/^\d+ updates from ECHA$/)).toBeVisible();
  await expect(notices.locator('.toast')).toHaveCount(1);
  await notices.getByRole('button', { name: 'Show' }).click();
  await expect(notices.getByRole('listitem').first()).toBeVisible();
  await snap(page, 'toasts-summary');
  await expectAccessible(page, 'history with the sync summary');
  await notices.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(notices.locator('.toast')).toHaveCount(0);

  await openScreen(page, 'Export');
  const separator = page.getByLabel('Column separator');
  await expect(separator.locator('option:checked')).toHaveText('Automatic: semicolon ( ; )');
  await snap(page, 'export-de');
  await expectAccessible(page, 'export');

  const { text } = await download(page);
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
  const [header, ...data] = rows as [string[], ...string[][]];
  // Nor exported: only the six real ones.
  expect(data).toHaveLength(6);
  const col = (name: string) => header.indexOf(name);
  // The zone of this computer (the browser's here), named in every time column.
  expect(header).toEqual(expect.arrayContaining(['Status', 'Status code', 'Submitted at (Europe/Berlin)', 'Final at (Europe/Berlin)']));
  for (const r of data) {
    expect(['Pending', 'Passed', 'Failed']).toContain(r[col('Status')]);
    expect(['PENDING', 'VALIDATION_SUCCEEDED', 'VALIDATION_FAILED']).toContain(r[col('Status code')]);
    expect(r[col('Submitted at (Europe/Berlin)')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(r[col('Legal entity')]).toBe(le.name);
  }
  expect(text).not.toContain(le.apiKey);

  // Choosing comma here stores it: after a reload the Export screen and Settings both show it.
  await separator.selectOption(',');
  await page.reload();
  await openScreen(page, 'Export');
  await expect(page.getByLabel('Column separator').locator('option:checked')).toHaveText('Comma ( , )');
  const comma = await download(page);
  const commaRows = parse(comma.text, { bom: true, delimiter: ',' }) as string[][];
  expect(commaRows).toHaveLength(7);
  expect(commaRows[0]).toContain('Status code');

  await openScreen(page, 'Settings');
  await expect(page.getByLabel('CSV column separator').locator('option:checked')).toHaveText('Comma ( , )');
  // Back to automatic from Settings: the Export screen follows.
  await page.getByLabel('CSV column separator').selectOption('auto');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved\./ })).toBeVisible();
  await openScreen(page, 'Export');
  await expect(page.getByLabel('Column separator').locator('option:checked')).toHaveText('Automatic: semicolon ( ; )');
});

test('one date format from the locale, in the zone chosen in Settings; date filters typed as dd.mm.yyyy', async ({ page }) => {
  await page.goto(app().url);
  await openScreen(page, 'History');
  const grid = page.getByRole('grid', { name: 'Submissions' });
  const firstRow = grid.getByRole('row').filter({ has: page.getByRole('gridcell') }).first();
  // German numeric form, this computer's zone (no zone name).
  const cell = firstRow.getByRole('gridcell').first();
  await expect(cell).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);

  const from = page.getByLabel('From');
  await expect(from).toHaveAttribute('placeholder', 'dd.mm.yyyy');
  const berlinToday = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
  await from.fill(berlinToday);
  await from.press('Enter');
  const summary = page.getByRole('status').filter({ hasText: /submissions?( match the filters)?$/ });
  await expect(summary).toHaveText('6 submissions match the filters');
  await from.fill('31.02.2026');
  await from.press('Enter');
  await expect(page.getByText('Enter a date as dd.mm.yyyy')).toBeVisible();
  await snap(page, 'history-de-date-filter');
  await expectAccessible(page, 'history with a date filter');
  await from.fill('');
  await from.press('Enter');
  await expect(summary).toHaveText('6 submissions');

  // UTC chosen: the table, the detail view and the CSV all say so.
  await openScreen(page, 'Settings');
  await page.getByLabel('Show times in').selectOption('UTC');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved\./ })).toBeVisible();
  await openScreen(page, 'History');
  await expect(cell).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} UTC$/);
  const shown = (await cell.textContent()) ?? '';
  await firstRow.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Submission / })).toBeVisible();
  const submitted = page.locator('dt', { hasText: /^Submitted$/ }).locator('xpath=following-sibling::dd[1]');
  await expect(submitted).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2} UTC$/);
  // The same minute as in the table: one format, one zone.
  expect(((await submitted.textContent()) ?? '').replace(/:\d{2} UTC$/, ' UTC')).toBe(shown);
  await snap(page, 'detail-utc');

  await openScreen(page, 'Export');
  await expect(page.getByText('Times are written as YYYY-MM-DD HH:MM:SS in UTC')).toBeVisible();
  const { text } = await download(page);
  const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
  expect(rows[0]).toContain('Submitted at (UTC)');
});

test('“Hold for off-peak” says when it would send at once (outside 10:00–17:00 Helsinki)', async ({ page }) => {
  // 20:00 in Helsinki: off-peak.
  await page.clock.setFixedTime(new Date('2026-12-02T18:00:00Z'));
  await page.goto(app().url);
  await openScreen(page, 'Submit');
  await page.getByRole('tab', { name: 'Submit by reference' }).click();
  const hold = page.getByRole('button', { name: 'Hold for off-peak' });
  await expect(page.getByText('Off-peak now (20:00 Helsinki): holding sends at once.')).toBeVisible();
  await expect(hold).toHaveAccessibleDescription('Off-peak now (20:00 Helsinki): holding sends at once.');
  await snap(page, 'submit-off-peak-hint');
  await expectAccessible(page, 'submit by reference, off-peak');
  // 12:00 in Helsinki: peak hours, the button holds and says nothing more.
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00Z'));
  await page.reload();
  await openScreen(page, 'Submit');
  await page.getByRole('tab', { name: 'Submit by reference' }).click();
  await expect(page.getByRole('button', { name: 'Hold for off-peak' })).toBeVisible();
  await expect(page.getByText(/Off-peak now/)).toHaveCount(0);
});
