/**
 * `matchcast verify-track-record [--file export.jsonl] [--head <hash>] [--json]`: checks the prediction chain,
 * from the database (each entry recomputed from the prediction log as it is now) or from an export, and exits
 * 1 when an entry was changed, removed, back-dated or logged at or after its kick-off as known then, or when the
 * chain does not pass through the head given (a head noted earlier stays inside a chain that has grown since),
 * or, from the database, when the log holds published predictions no chain entry covers (the record would count
 * them unproven). Entries of matches moved earlier after they were logged are listed, not failed: the record
 * leaves them out.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadChain, loadUnchained, type Unchained } from '../../db/track-record-repository.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { type ChainEntry, type ChainVerdict, verifyChain } from '../../domain/prediction-chain.ts';
import { parseExport } from '../../pipelines/reports/chain-export.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { jsonOption, printReport } from '../output.ts';

/** Problems printed one per line; the rest are counted. */
const MAX_SHOWN = 20;

/**
 * The seq of the entry whose hash is `noted`: the chain passes through a head written down earlier (its later
 * entries chain onto it). Undefined when no head was given; null when no entry has it.
 */
function seqOfHead(entries: readonly ChainEntry[], noted: string | undefined): number | null | undefined {
  if (noted === undefined) return undefined;
  return entries.find((e) => e.hash === noted)?.seq ?? null;
}

/** The verdict in words; `ok` is the command's (the chain, the head noted, no unchained prediction). */
function formatVerdict(
  v: ChainVerdict,
  ok: boolean,
  noted: string | undefined,
  notedSeq: number | null | undefined,
  unchained: Unchained,
): string {
  const lines: string[] = [];
  if (unchained.total > 0) {
    lines.push(
      `${unchained.total} published predictions of the log are in no chain entry (written into it by other means?): the track record counts them, and nothing proves when they were logged`,
    );
    for (const u of unchained.first) lines.push(`  prediction_log id ${u.id} (match ${u.matchId})`);
    if (unchained.total > unchained.first.length)
      lines.push(`  … and ${unchained.total - unchained.first.length} more`);
  }
  for (const p of v.problems.slice(0, MAX_SHOWN))
    lines.push(`  seq ${p.seq} (match ${p.matchId}): ${p.problem}: ${p.detail}`);
  if (v.problems.length > MAX_SHOWN) lines.push(`  … and ${v.problems.length - MAX_SHOWN} more`);
  if (v.movedKickoffs.length > 0)
    lines.push(
      `${v.movedKickoffs.length} entries logged before their kick-off, the match moved earlier since: left out of the track record, no problem of the chain`,
    );
  for (const m of v.movedKickoffs.slice(0, MAX_SHOWN))
    lines.push(`  seq ${m.seq} (match ${m.matchId}): ${m.detail}`);
  if (v.movedKickoffs.length > MAX_SHOWN) lines.push(`  … and ${v.movedKickoffs.length - MAX_SHOWN} more`);
  const head = v.head ? `head ${v.head.hash} (seq ${v.head.seq}, logged ${v.head.loggedAt})` : 'empty chain';
  lines.push(`${v.entries} entries, ${head}`);
  if (noted !== undefined)
    lines.push(
      notedSeq === null || notedSeq === undefined
        ? `the chain does not pass through ${noted}`
        : `passes through ${noted} at seq ${notedSeq}`,
    );
  // An empty chain proves nothing: a wrong DATA_DIR or database reads as one, so it is not called verified.
  const verdict =
    ok && v.entries === 0 && noted === undefined
      ? 'track record empty: nothing to verify (is this the right database?)'
      : ok
        ? 'track record verified'
        : 'track record NOT verified';
  lines.push(verdict);
  return `${lines.join('\n')}\n`;
}

async function entriesFrom(
  file: string | undefined,
): Promise<{ entries: ChainEntry[]; unchained: Unchained }> {
  if (file === undefined) {
    const db = await openDatabase(configOrExit(), { existing: true });
    try {
      return { entries: await loadChain(db), unchained: await loadUnchained(db, MAX_SHOWN) };
    } finally {
      await db.close();
    }
  }
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ExpectedError(
      `cannot read ${file} (${error.code ?? error.message}): give an export-track-record file`,
    );
  });
  return { entries: parseExport(text, file), unchained: { total: 0, first: [] } };
}

export function registerVerifyTrackRecord(program: Command): void {
  program
    .command('verify-track-record')
    .description(
      'prove no published prediction was changed or back-dated after kick-off (database or export)',
    )
    .option('--file <export.jsonl>', 'check an export-track-record file instead of the database')
    .option(
      '--head <hash>',
      'also require the chain to pass through this head (as served by /predict/track-record/head when you noted it)',
    )
    .addOption(jsonOption('the verdict'))
    .action(async (options: { file?: string; head?: string; json?: boolean }) => {
      const { entries, unchained } = await entriesFrom(options.file);
      const verdict = verifyChain(entries);
      const notedSeq = seqOfHead(entries, options.head);
      const ok = verdict.ok && notedSeq !== null && unchained.total === 0;
      const report = {
        ...verdict,
        ok,
        unchained_predictions: unchained.total,
        ...(notedSeq === undefined ? {} : { noted_head_seq: notedSeq }),
      };
      printReport(options.json, report, () => formatVerdict(verdict, ok, options.head, notedSeq, unchained));
      process.exitCode = ok ? 0 : 1;
    });
}
