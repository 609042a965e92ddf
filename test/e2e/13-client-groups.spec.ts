// Client groups as a consultant uses them: two of three clients belong to one group; History's entity
// filter offers the group, narrows the table to exactly those entities' submissions, and the CSV export
// of that filter holds their rows and no one else's. The group is set on the entity's settings page.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { AppApi } from './support/app-api';
import { e2eSandbox, freshApp } from './support/app';
import { parseCsv } from './support/csv';
import { newLegalEntity } from './support/sandbox-control';
import { snap } from './support/screenshots';
import { openScreen, switchEntity, syncUntil } from './support/ui';

const app = freshApp('client-groups');
const sandbox = e2eSandbox();
const fjord = newLegalEntity('Fjord Paints AS');
const glacier = newLegalEntity('Glacier Resins Oy');
const harbour = newLegalEntity('Harbour Solvents Ltd');
const GROUP = 'Nordic coatings group';

test.beforeAll(async () => {
  for (const le of [fjord, glacier, harbour]) await sandbox.addLegalEntity(le);
  const api = new AppApi(app());
  const f = await api.readyProfile(fjord, { production: true });
  await api.readyProfile(glacier, { production: true });
  await api.readyProfile(harbour, { production: true });
  // Fjord joins by API; Glacier joins through its settings page in the test (as a person does).
  await api.call('updateProfile', { profileId: f.id, patch: { clientGroup: GROUP } });
  await sandbox.seed(fjord.leUuid, { kind: 'production' }, 9);
  await sandbox.seed(glacier.leUuid, { kind: 'production' }, 7);
  await sandbox.seed(harbour.leUuid, { kind: 'production' }, 11);
  await api.call('syncNow', { profileId: null });
});

const countOf = async (summary: Locator) => Number(((await summary.textContent()) ?? '').split(' ')[0]);

test('a client group filters History and its CSV export to exactly the group’s entities', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app().url);

  // Glacier joins the group on its settings page; the name is matched ignoring case and spacing.
  await switchEntity(page, glacier.name);
  await openScreen(page, 'Settings');
  await page.getByLabel('Client group').fill('  nordic COATINGS group ');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible();

  await openScreen(page, 'History');
  const entity = page.getByRole('search').getByLabel('Legal entity');
  const summary = page.getByRole('status').filter({ hasText: /submissions?( match the filters)?$/ });
  // Each entity's own count, to compare the group's with.
  const perEntity = new Map<string, number>();
  for (const le of [fjord, glacier, harbour]) {
    await entity.selectOption({ label: le.name });
    await syncUntil(page, async () => expect(summary).not.toHaveText(/^0 /, { timeout: 1500 }));
    perEntity.set(le.name, await countOf(summary));
  }
  expect(perEntity.get(harbour.name)).toBeGreaterThanOrEqual(11);

  // One group option, counting both entities (two spellings of one name make one group).
  const groupOption = entity.locator('option', { hasText: /^Group:/ });
  await expect(groupOption).toHaveCount(1);
  await expect(groupOption).toHaveText(/^Group: Nordic coatings group \(2 entities\)$/i);
  await entity.selectOption({ label: (await groupOption.textContent()) ?? '' });
  const expected = perEntity.get(fjord.name)! + perEntity.get(glacier.name)!;
  await expect(summary).toHaveText(new RegExp(`^${expected} submissions`));
  const grid = page.getByRole('grid', { name: 'Submissions' });
  await expect(grid.getByRole('row').filter({ hasText: harbour.name })).toHaveCount(0);
  await snap(page, 'history-client-group-1366');
  await expectAccessible(page, 'history with a client group');

  // The export of that filter says what it holds, and the file holds exactly that.
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Export to CSV' })).toBeVisible();
  const what = page.getByRole('region', { name: 'What will be exported' });
  await expect(what).toContainText(/Client group: Nordic coatings group \(2 legal entities\)/i);
  await expect(what).toContainText(`${expected} submission`);
  await snap(page, 'export-client-group-1366');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  const file = await download;
  const text = readFileSync((await file.path()) ?? '', 'utf8');
  const rows = parseCsv(text, ',').filter((r) => r.some((c) => c !== ''));
  const [header, ...data] = rows;
  expect(data).toHaveLength(expected);
  const le = header!.indexOf('LE UUID');
  const seen = new Set(data.map((r) => r[le]));
  expect([...seen].sort()).toEqual([fjord.leUuid, glacier.leUuid].sort());
  for (const k of [fjord, glacier, harbour]) expect(text).not.toContain(k.apiKey);
});
