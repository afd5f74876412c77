/** Layout checks shared by the browser tests: what a viewport cuts off, what a chart drew, what colour a figure is. */
import type { Locator, Page } from 'playwright-core';
import { seriousAxeViolations } from './axe.ts';

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

export type Viewport = (typeof VIEWPORTS)[number];

/**
 * Every view at each viewport, reached as a user reaches it (its navigation link) and drawn (`ready` shown), with
 * what every view must hold: nothing wider than the screen, no serious or critical axe-core violation; `check`
 * adds the test's own problems for that view. Every problem, named by viewport and view; none when all hold.
 */
export async function problemsOfViews<V extends { readonly route: string; readonly ready: string }>(
  page: Page,
  views: readonly V[],
  check: (vp: Viewport, view: V) => Promise<readonly string[]>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    for (const view of views) {
      await page.getByTestId(`nav-${view.route}`).click();
      await page.getByTestId(view.ready).first().waitFor();
      const where = `${vp.name} ${view.route}`;
      for (const problem of await check(vp, view)) problems.push(`${where}: ${problem}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > vp.width) problems.push(`${where}: page is ${width} px wide`);
      for (const v of await seriousAxeViolations(page)) problems.push(`${where}: ${v}`);
    }
  }
  return problems;
}
