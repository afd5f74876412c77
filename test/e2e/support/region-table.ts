/** The ROI-by-region table as the API serves it and as the dashboard shows it. */
import type { Page } from 'playwright-core';

export interface RegionRoiJson {
  region_id: number;
  region_name: string;
  roi_pct: number | null;
  n_bets: number;
  roi_ci95: [number, number] | null;
}

/** The table's rows in the order shown: region name, bets, and the ROI cell's class (its colour). */
export function regionTableRows(page: Page) {
  return page
    .getByTestId('region-roi-table')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector('td')?.textContent,
        bets: Number(row.querySelectorAll('td')[1]?.textContent),
        tone: row.querySelector('[data-testid="region-roi"]')?.className,
      })),
    );
}
