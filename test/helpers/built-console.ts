// What the browser specs share: the built library (they drive the console that
// `npx electron-vite build` wrote to out/, through the entry users import; Playwright's loader
// cannot import src/main/emulator.ts, whose JSON import has no import attribute there) and the
// console's navigation.
import type { Page } from '@playwright/test';
import type { startEmulator as StartEmulator } from '../../src/main/emulator.js';

const LIB = '../../out/main/lib.js';
export const { startEmulator } = (await import(LIB)) as { startEmulator: typeof StartEmulator };

/** Opens a page of the console by its navigation link. */
export async function go(page: Page, nav: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: nav, exact: true }).click();
}
