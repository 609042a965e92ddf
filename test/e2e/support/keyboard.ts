// Keyboard-only driving: Tab (or Shift+Tab) until the wanted control has focus, as a person who
// cannot use a mouse would. Fails if the control is not reachable within a sane number of stops.
import { expect, type Locator, type Page } from '@playwright/test';

export async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; maxStops?: number } = {}): Promise<void> {
  const max = options.maxStops ?? 40;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `not reachable with ${max} presses of Tab`).toBeFocused();
}
