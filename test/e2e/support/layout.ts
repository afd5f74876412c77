/** Layout checks shared by the browser tests: what a viewport cuts off, what a chart drew, what colour a figure is. */
import type { Locator, Page } from 'playwright-core';

/** The screens every view must fit: a desktop and a 390 px phone. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

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

/** How many pixels of the canvas inside `chart` have something drawn (uPlot draws the series and points there). */
export function inkedPixels(chart: Locator): Promise<number> {
  return chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

/** The colour an element's class gives it by the interval rule (intervalTone): 'gain', 'loss' or ''. */
export async function toneOf(el: Locator): Promise<string> {
  const classes = ((await el.getAttribute('class')) ?? '').split(' ');
  return classes.find((c) => c === 'gain' || c === 'loss') ?? '';
}
