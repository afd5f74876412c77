/** The matches view's resources. Cards are shared with the model view (calibration), so cached briefly. */
import { decodeCards, type MatchCard } from '../../api/cards.ts';
import type { ApiClient } from '../../api/client.ts';
import { decodeRegionRoi, type RegionRoiView } from '../../api/region-roi.ts';

/** Switching views within this time reuses the cards instead of re-downloading them. */
const CARDS_FRESH_MS = 60_000;
const cardsCache = new WeakMap<
  ApiClient,
  { readonly at: number; readonly cards: Promise<readonly MatchCard[]> }
>();

export function loadCards(client: ApiClient): Promise<readonly MatchCard[]> {
  const hit = cardsCache.get(client);
  if (hit !== undefined && Date.now() - hit.at < CARDS_FRESH_MS) return hit.cards;
  const cards = client.get('/predict/cards/', decodeCards);
  cardsCache.set(client, { at: Date.now(), cards });
  cards.catch(() => cardsCache.delete(client));
  return cards;
}

export function loadRegionRoi(client: ApiClient): Promise<readonly RegionRoiView[]> {
  return client.get('/predict/region-roi/', decodeRegionRoi);
}
