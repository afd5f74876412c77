/**
 * A pulled body → the matches to import, or the reason the whole file is rejected (pure). An HTML page served
 * with status 200 (the provider's "not found" page, a proxy's error page) is rejected before it is read as CSV;
 * so is a file the parser cannot read whole, that ends mid-row or that holds no match layout. Fixtures files keep only the
 * leagues asked for.
 */
import { parseFootballDataFile } from '../football-data/parse-file.ts';
import { describeProblem, type ParsedFile, type ParsedMatch } from '../football-data/parsed-match.ts';
import type { TeamNameResolver } from '../football-data/team-aliases.ts';
import type { ProviderFile } from './provider-files.ts';

export type Judgement =
  | { readonly accepted: true; readonly parsed: ParsedFile; readonly matches: readonly ParsedMatch[] }
  | { readonly accepted: false; readonly reason: string };

/** True when the body is an HTML document rather than CSV, whatever the status said. */
export function looksLikeHtml(body: Uint8Array, contentType: string): boolean {
  if (/\bhtml\b/i.test(contentType)) return true;
  const head = new TextDecoder('utf-8')
    .decode(body.subarray(0, 512))
    .replace(/^\ufeff/, '')
    .trimStart();
  return /^<(!doctype|html|head|body|\?xml|!--)/i.test(head);
}

export function judgeFile(
  file: ProviderFile,
  body: Uint8Array,
  contentType: string,
  options: { readonly nowMs: number; readonly teamName: TeamNameResolver },
): Judgement {
  if (looksLikeHtml(body, contentType)) {
    return { accepted: false, reason: `${file.path}: an HTML page, not a CSV file (served with status 200)` };
  }
  const parsed = parseFootballDataFile(file.path, body, options);
  // A body cut off mid-row is a broken download: rejected whole, so the next sync pulls the file again.
  const fatal = parsed.skipped.find(
    (s) => s.kind === 'rejected-file' || s.kind === 'unrecognised-file' || s.kind === 'truncated',
  );
  if (fatal) return { accepted: false, reason: describeProblem(fatal) };
  if (file.kind === 'fixtures' && !parsed.fixtures) {
    return {
      accepted: false,
      reason: `${file.path}: has result columns, expected an upcoming-fixtures file`,
    };
  }
  if (file.kind !== 'fixtures' && parsed.fixtures) {
    return { accepted: false, reason: `${file.path}: has no result columns, expected a results file` };
  }
  const matches = parsed.matches.filter((m) => file.sourcePrefixes.some((p) => m.sourceKey.startsWith(p)));
  // A results file none of whose matches is of the league it was asked for: its rows name another league (a
  // country the region table codes otherwise), and keeping none of them is data lost, not a quiet success.
  const first = parsed.matches[0];
  if (file.kind !== 'fixtures' && matches.length === 0 && first !== undefined) {
    return {
      accepted: false,
      reason: `${file.path}: none of its ${parsed.matches.length} matches is of league ${file.league} (its rows name ${first.region.name} / ${first.competition}, region ${first.region.code})`,
    };
  }
  return { accepted: true, parsed, matches };
}
