// CSV export of the history's current filter, in one of two layouts, streamed to whatever the host
// gives (a file in Electron, the HTTP response in web mode). Rows come lazily from the ledger's
// read-only export connection, so 100k submissions never sit in memory.
import type { ExportArgs, TextSink } from '../../src-preload/contract';
import { fail, ok, type Result } from '../../src-preload/contract';
import type { SubmissionFilter, SubmissionSummary } from '../ledger/types';
import { profileRefs, type WorkflowContext } from './context';
import { SUBMISSION_COLUMNS, VALIDATION_COLUMNS, type ExportSubmission, type ExportValidation } from './csv/columns';
import { streamCsv } from './csv/stream';
import { profileFor, toLedgerFilters, toLedgerSort } from './map/history';

export function exportFileName(args: ExportArgs, nowMs: number): string {
  const d = new Date(nowMs);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `echa-${args.layout === 'validations' ? 'validations' : 'submissions'}-${date}.csv`;
}

export async function writeCsv(ctx: WorkflowContext, args: ExportArgs, sink: TextSink, exportId: string): Promise<Result<{ rowCount: number }>> {
  const nowMs = ctx.scheduler.clock.now();
  const settings = ctx.settings.getSettings();
  const profiles = ctx.settings.listProfiles();
  const filters =
    toLedgerFilters(args.filter, (id) => profiles.find((p) => p.id === id)?.leUuid ?? null, nowMs, settings.pendingTooLongDays) ?? [];
  const sort = toLedgerSort(args.sort);
  const delimiter = args.delimiter ?? settings.csvDelimiter;
  const refs = profileRefs(ctx);
  const names = new Map<string, string | null>();
  const nameOf = (le: string) => {
    const key = le.toLowerCase();
    if (!names.has(key)) names.set(key, profileFor(le, refs)?.displayName ?? null);
    return names.get(key)!;
  };
  const totalRows = args.layout === 'submissions' ? filters.reduce((n, f) => n + ctx.ledger.countSubmissions(f).total, 0) : null;
  let written = 0;
  const onProgress = (rowsWritten: number) => {
    written = rowsWritten;
    ctx.events.emit('exportProgress', { exportId, phase: 'running', rowsWritten, totalRows });
  };
  const fileName = exportFileName(args, nowMs);

  try {
    const result =
      args.layout === 'submissions'
        ? await streamCsv(submissionRows(ctx, filters, sort, nameOf), SUBMISSION_COLUMNS, sink, { delimiter, onProgress })
        : await streamCsv(validationRows(ctx, filters, sort, nameOf), VALIDATION_COLUMNS, sink, { delimiter, onProgress });
    ctx.events.emit('exportProgress', { exportId, phase: 'done', rowsWritten: result.rowCount, fileName });
    return ok(result);
  } catch (err) {
    const message = 'The export stopped: the destination could not be written (disk full, or the download was cancelled).';
    ctx.log.error('CSV export failed', err);
    ctx.events.emit('exportProgress', { exportId, phase: 'failed', rowsWritten: written, message });
    await sink.close().catch(() => undefined);
    return fail({ kind: 'io', message });
  }
}

function* summaries(ctx: WorkflowContext, filters: SubmissionFilter[], sort: ReturnType<typeof toLedgerSort>): Generator<SubmissionSummary> {
  for (const f of filters) yield* ctx.ledger.exportSubmissions(f, sort);
}

function* submissionRows(
  ctx: WorkflowContext,
  filters: SubmissionFilter[],
  sort: ReturnType<typeof toLedgerSort>,
  nameOf: (le: string) => string | null,
): Generator<ExportSubmission> {
  for (const s of summaries(ctx, filters, sort)) yield { submission: s, profileName: nameOf(s.space.le) };
}

/** One row per validation; a submission without any still gets one row (empty validation cells). */
function* validationRows(
  ctx: WorkflowContext,
  filters: SubmissionFilter[],
  sort: ReturnType<typeof toLedgerSort>,
  nameOf: (le: string) => string | null,
): Generator<ExportValidation> {
  for (const s of summaries(ctx, filters, sort)) {
    const profileName = nameOf(s.space.le);
    const validations = s.failCount + s.warnCount + s.exceptionCount > 0 ? (ctx.ledger.getStory(s.id).report?.validations ?? []) : [];
    if (validations.length === 0) {
      yield { submission: s, profileName, validation: null };
      continue;
    }
    let seq = 0;
    for (const v of validations) yield { submission: s, profileName, validation: { seq: ++seq, level: v.level, code: v.code, context: v.context } };
  }
}
