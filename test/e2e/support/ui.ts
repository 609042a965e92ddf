// Small helpers for what a person does again and again: pick files, open a screen, sync.
import { expect, type Locator, type Page } from '@playwright/test';

export async function chooseFiles(page: Page, buttonName: string | RegExp, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonName }).click();
  await (await chooser).setFiles(files);
}

export async function openScreen(page: Page, name: 'Overview' | 'Submit' | 'Outbox' | 'History' | 'Export' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: name === 'Export' ? 'Export to CSV' : name })).toBeVisible();
}

/** Clicks the header's "Sync now" until `check` passes (ECHA's events arrive over time). */
export async function syncUntil(page: Page, check: () => Promise<void>, timeoutMs = 60_000): Promise<void> {
  const sync = page.getByRole('banner').getByRole('button', { name: 'Sync now' });
  await expect(async () => {
    if (await sync.isEnabled()) await sync.click();
    await check();
  }).toPass({ timeout: timeoutMs, intervals: [500, 1000, 1500] });
}

export function fileCard(page: Page, fileName: string): Locator {
  return page.locator('li.file-card', { has: page.getByText(fileName, { exact: true }) });
}

export function historyRow(page: Page, submissionNumberOrText: string | RegExp): Locator {
  return page.getByRole('grid', { name: 'Submissions' }).getByRole('row').filter({ hasText: submissionNumberOrText });
}

/** The header's legal-entity picker button (its name is "Legal entity <active entity's name>"). */
export function entityButton(page: Page): Locator {
  return page.getByRole('banner').getByRole('button', { name: /^Legal entity / });
}

/** Switches the active legal entity the way a keyboard user does: open the picker, type, Enter. */
export async function switchEntity(page: Page, name: string): Promise<void> {
  await entityButton(page).click();
  const search = page.getByRole('combobox', { name: 'Find a legal entity' });
  await search.fill(name);
  await expect(page.getByRole('listbox', { name: 'Legal entities' }).getByRole('option').first()).toContainText(name);
  await search.press('Enter');
  await expect(entityButton(page)).toContainText(name);
}
