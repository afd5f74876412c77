/** Layout checks shared by the browser tests: what a viewport cuts off. */
import type { Page } from 'playwright-core';

/**
 * Whether the given cells of the first match row lie inside the matches list and show all their content (no cell
 * cut off by the panel's edge, none clipped by its own width).
 */
export function firstRowCellsShown(page: Page, cells: readonly string[]): Promise<boolean> {
  return page.evaluate((selectors) => {
    const panel = document.querySelector('.list-panel')!.getBoundingClientRect();
    const row = document.querySelector('[data-testid="match-row"]')!;
    return selectors.every((selector) => {
      const cell = row.querySelector<HTMLElement>(selector)!;
      const box = cell.getBoundingClientRect();
      return (
        box.width > 0 &&
        box.left >= panel.left &&
        box.right <= panel.right &&
        cell.scrollWidth <= cell.clientWidth
      );
    });
  }, cells);
}

/** A problem line when the first element with `testId` is not within the page's width, else null. */
export async function offScreen(page: Page, testId: string, width: number): Promise<string | null> {
  const box = await page.getByTestId(testId).first().boundingBox();
  if (box !== null && box.x >= 0 && box.x + box.width <= width) return null;
  return `${testId} is off screen at ${width} px (${JSON.stringify(box)})`;
}
