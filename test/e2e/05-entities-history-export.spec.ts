// A consultant working for two legal entities: each keeps its own screen and filters when switching;
// the history fills from ECHA's events without a reload, filters narrow it, and the CSV export of the
// current filter downloads with exactly those rows (and never a key).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { parseCsv } from './support/csv';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { entityButton, openScreen, switchEntity, syncUntil } from './support/ui';

const app = freshApp('entities-history-export');
const sandbox = e2eSandbox();
const alpine = newLegalEntity('Alpine Adhesives AG');
const baltic = newLegalEntity('Baltic Inks SIA');
const RUN = 'alpine-e2e-001';

test.beforeAll(async () => {
  await sandbox.addLegalEntity(alpine);
  await sandbox.addLegalEntity(baltic);
  const api = new AppApi(app());
  await api.readyProfile(baltic, { production: true });
  const a = await api.readyProfile(alpine);
  await api.call('setProfileMode', { profileId: a.id, mode: { kind: 'integration', testRun: RUN } });
  // Submissions made by another tool for these entities: the app learns them from ECHA's events.
  await sandbox.seed(alpine.leUuid, { kind: 'integration', testRun: RUN }, 60);
  await sandbox.seed(baltic.leUuid, { kind: 'production' }, 12);
});

test('the history fills from events without a reload, and filters narrow it', async ({ page }) => {
  await page.goto(app().url);
  await expect(entityButton(page)).toContainText(alpine.name);
  await expect(page.getByRole('banner')).toContainText(`Integration test · ${RUN}`);
  await openScreen(page, 'History');
  const grid = page.getByRole('grid', { name: 'Submissions' });
  const summary = page.getByRole('status').filter({ hasText: /submissions?( match the filters)?$/ });

  // New events appear in the open table: no reload, just a sync. The connectivity test's dummy is
  // not counted (named beside the total, with the way to include it).
  await syncUntil(page, async () => expect(summary).toHaveText('60 submissions', { timeout: 1500 }));
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  const counts = page.getByRole('group', { name: 'Submissions by status' });
  await expect(counts).toContainText('60 All');
  await expect(page.getByText("Not counted: 1 connectivity test (ECHA's dummy answers, pending by design).")).toBeVisible();
  await snap(page, 'history-alpine');
  await expectAccessible(page, 'history');

  // Status: failed only (from the counts and from the filter give the same result).
  const failedCount = Number((await counts.getByRole('button', { name: /Failed/ }).locator('.status-count__n').textContent()) ?? 'NaN');
  expect(failedCount).toBeGreaterThan(0);
  await page.getByRole('group', { name: 'Status' }).getByLabel('Failed').check();
  await expect(summary).toHaveText(`${failedCount} submission${failedCount === 1 ? '' : 's'} match the filters`);
  for (const row of await grid.getByRole('row').filter({ has: page.getByRole('gridcell') }).all()) await expect(row).toContainText('Failed');

  // Mode: connectivity only shows the connectivity test's own submission, not the test run.
  await page.getByRole('group', { name: 'Status' }).getByLabel('Failed').uncheck();
  await page.getByRole('group', { name: 'Mode' }).getByLabel('Connectivity tests').check();
  await expect(summary).toHaveText('1 submission match the filters');
  await page.getByRole('group', { name: 'Mode' }).getByLabel('Connectivity tests').uncheck();
  await expect(summary).toHaveText('60 submissions');
  // "Include connectivity tests" ticks every mode: the dummy joins the list and the counts.
  await page.getByRole('button', { name: 'Include connectivity tests' }).click();
  await expect(summary).toHaveText('61 submissions match the filters');
  await expect(counts).toContainText('61 All');
  await expect(page.getByRole('group', { name: 'Mode' }).getByLabel('Connectivity tests')).toBeChecked();
  await expect(page.getByText(/^Not counted:/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Test run: an invalid id is explained and not applied; the right one narrows to the run.
  const testRun = page.getByLabel('Test run');
  await testRun.fill('Alpine 1');
  await expect(page.getByText('Not a test run id (e.g. acme-001)')).toBeVisible();
  await expect(summary).toHaveText('60 submissions');
  await testRun.fill(RUN);
  await expect(summary).toHaveText('60 submissions match the filters');

  // Free text: a submission number.
  const number = ((await grid.getByRole('row').nth(3).getByRole('gridcell').nth(1).textContent()) ?? '').trim();
  await page.getByRole('searchbox', { name: 'Search' }).fill(number);
  await expect(summary).toHaveText('1 submission match the filters');
  await expect(grid.getByRole('row').filter({ hasText: number })).toHaveCount(1);

  // Sorting by number, both ways.
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await expect(summary).toHaveText('60 submissions match the filters');
  const numberHeader = page.getByRole('columnheader', { name: /Number/ });
  await numberHeader.getByRole('button').click();
  await expect(numberHeader).toHaveAttribute('aria-sort', 'ascending');
  const firstAsc = (await grid.getByRole('row').nth(1).getByRole('gridcell').nth(1).textContent())?.trim() ?? '';
  await numberHeader.getByRole('button').click();
  await expect(numberHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(grid.getByRole('row').nth(1).getByRole('gridcell').nth(1)).not.toHaveText(firstAsc);
  await page.getByRole('group', { name: 'Status' }).getByLabel('Failed').check();
  await expect(summary).toHaveText(`${failedCount} submission${failedCount === 1 ? '' : 's'} match the filters`);
  await snap(page, 'history-filtered');
});

test('switching legal entities keeps each one’s own screen and filters', async ({ page }) => {
  await page.goto(app().url);
  await expect(entityButton(page)).toContainText(alpine.name);
  await openScreen(page, 'History');
  await page.getByRole('searchbox', { name: 'Search' }).fill('seeded');

  await switchEntity(page, baltic.name);
  await expect(page.getByRole('banner')).toHaveAttribute('data-mode', 'production');
  await expect(page.getByRole('note')).toContainText(baltic.name);
  await expect(page).toHaveTitle(new RegExp(`^${baltic.name} · PRODUCTION`));
  // Baltic was never opened in this window: it starts on Submit.
  await expect(page.getByRole('heading', { level: 1, name: 'Submit' })).toBeVisible();
  await openScreen(page, 'Outbox');
  await snap(page, 'switch-baltic-outbox');

  await switchEntity(page, alpine.name);
  await expect(page.getByRole('banner')).toContainText(`Integration test · ${RUN}`);
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('seeded');

  await switchEntity(page, baltic.name);
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  await openScreen(page, 'History');
  const summary = page.getByRole('status').filter({ hasText: /submissions?( match the filters)?$/ });
  await syncUntil(page, async () => expect(summary).toHaveText('12 submissions', { timeout: 1500 }));
  // "All legal entities" mixes both, production rows marked as such.
  await page.getByRole('search').getByLabel('Legal entity').selectOption({ label: 'All legal entities' });
  await expect(summary).toHaveText('72 submissions');
  await snap(page, 'history-all-entities');
});

test('the CSV export of the current filter downloads with exactly those rows', async ({ page }) => {
  await page.goto(app().url);
  await switchEntity(page, alpine.name);
  await openScreen(page, 'History');
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  const group = page.getByRole('group', { name: 'Status' });
  await group.getByLabel('Failed').check();
  const summary = page.getByRole('status').filter({ hasText: /match the filters$/ });
  await expect(summary).toBeVisible();
  const expected = Number(((await summary.textContent()) ?? '').split(' ')[0]);
  expect(expected).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Export CSV…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Export to CSV' })).toBeVisible();
  const what = page.getByRole('region', { name: 'What will be exported' });
  await expect(what).toContainText(`Legal entity: ${alpine.name}`);
  await expect(what).toContainText('Status: Failed');
  await expect(what).toContainText('Mode: production, integration (connectivity tests left out');
  await expect(what).toContainText(`${expected} submission`);
  // en-GB: the automatic separator is a comma; the consultant picks a semicolon (remembered).
  await expect(page.getByLabel('Column separator').locator('option:checked')).toHaveText('Automatic: comma ( , )');
  await page.getByLabel('Column separator').selectOption(';');
  await snap(page, 'export');
  await expectAccessible(page, 'export');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  await expect(page.getByText('Export saved')).toBeVisible();
  await expect(page.getByText(`${expected} row${expected === 1 ? '' : 's'} written to`)).toBeVisible();
  await snap(page, 'export-saved');

  const text = readFileSync((await file.path()) ?? '', 'utf8');
  expect(text.startsWith('\uFEFF'), 'UTF-8 with BOM').toBe(true);
  const rows = parseCsv(text, ';').filter((r) => r.some((c) => c !== ''));
  const [header, ...data] = rows;
  expect(header).toEqual(expect.arrayContaining(['Legal entity', 'LE UUID', 'Mode', 'Test run', 'Submission number', 'Status', 'Status code', 'FAIL count']));
  expect(data).toHaveLength(expected);
  const col = (name: string) => header!.indexOf(name);
  for (const r of data) {
    expect(r[col('LE UUID')]).toBe(alpine.leUuid);
    expect(r[col('Status')]).toBe('Failed');
    expect(r[col('Status code')]).toBe('VALIDATION_FAILED');
    expect(r[col('Test run')]).toBe(RUN);
    expect(Number(r[col('FAIL count')])).toBeGreaterThan(0);
  }
  expect(text).not.toContain(alpine.apiKey);
  expect(text).not.toContain(baltic.apiKey);
});
