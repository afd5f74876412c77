/** The matches view's resources. Cards are shared with the model view (calibration), so cached briefly. */
import { decodeCards, type MatchCard } from '../../api/cards.ts';
import type { ApiClient } from '../../api/client.ts';
import { decodeRegionRoi, type RegionRoiView } from '../../api/region-roi.ts';
import { revalidated } from '../../api/revalidated.ts';

/** Switching views within this time reuses the cards instead of re-downloading them. */
const CARDS_FRESH_MS = 60_000;
/**
 * How often the matches view asks for its cards and region ROI again. Batch inference publishes at most every
 * 15 minutes (params.yaml `schedule`), and asking while nothing changed is a 304 (`revalidated`), so every two
 * minutes costs next to nothing and keeps the list within two minutes of the server. Longer than
 * CARDS_FRESH_MS, so a refresh always reaches the server.
 */
export const MATCHES_REFRESH_MS = 120_000;

const fetchCards = revalidated('/predict/cards/', decodeCards);
const cardsCache = new WeakMap<
  ApiClient,
  { readonly at: number; readonly cards: Promise<readonly MatchCard[]> }
>();

export function loadCards(client: ApiClient): Promise<readonly MatchCard[]> {
  const hit = cardsCache.get(client);
  if (hit !== undefined && Date.now() - hit.at < CARDS_FRESH_MS) return hit.cards;
  const cards = fetchCards(client);
  cardsCache.set(client, { at: Date.now(), cards });
  cards.catch(() => cardsCache.delete(client));
  return cards;
}

export const loadRegionRoi: (client: ApiClient) => Promise<readonly RegionRoiView[]> = revalidated(
  '/predict/region-roi/',
  decodeRegionRoi,
);
