/** The dashboard's four views and which one a URL fragment names; apart from url-state.ts so the entry chunk stays small. */
export const ROUTES = ['matches', 'track-record', 'model', 'monitoring'] as const;
export type Route = (typeof ROUTES)[number];

/** The view of a fragment such as `#/model?tz=utc`; anything else (`#key=…`, none) is the matches view. */
export function routeOf(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const path = body.split('?')[0]?.split('&')[0] ?? '';
  return ROUTES.find((r) => r === path) ?? 'matches';
}
