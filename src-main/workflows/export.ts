// CSV export of the history's current filter, in one of two layouts, streamed to whatever the host
// gives (a file in Electron, the HTTP response in web mode). Rows come lazily from the ledger's
// read-only export connection, so 100k submissions never sit in memory.
import type { ExportArgs } from '../../src-preload/contract';
import type { TextSink } from '../ipc/services';
import { fail, ok, type Result } from '../../src-preload/contract';
import type { SortSpec, SubmissionFilter } from '../ledger/types';
import { profileRefs, type WorkflowContext } from './context';
import { localeCsvDelimiter, resolveZone } from '../../src-preload/locale';
import { submissionColumns, validationColumns, type ExportSubmission, type ExportValidation } from './csv/columns';
import { streamCsv } from './csv/stream';
import { entityLookup, groupKey } from './services/client-report';
import { profileFor, toLedgerFilter, toLedgerSort } from './map/history';

export function exportFileName(args: ExportArgs, nowMs: number): string {
  const d = new Date(nowMs);
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  // The group's name, folded to safe file-name characters: "Nordic chemicals" -> "nordic-chemicals".
  const group = args.filter.clientGroup ? groupKey(args.filter.clientGroup).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) : '';
  return `echa-${args.layout === 'validations' ? 'validations' : 'submissions'}${group ? `-group-${group}` : ''}-${date}.csv`;
}

export async function writeCsv(ctx: WorkflowContext, args: ExportArgs, sink: TextSink, exportId: string): Promise<Result<{ rowCount: number }>> {
  const nowMs = ctx.scheduler.clock.now();
  const settings = ctx.settings.getSettings();
  const profiles = ctx.settings.listProfiles();
  const timeZone = args.timeZone ?? resolveZone(settings.displayTimeZone);
  const filter = toLedgerFilter(args.filter, entityLookup(profiles), nowMs, settings.pendingTooLongDays, timeZone);
  const sort = toLedgerSort(args.sort);
  // The renderer sends what it resolved (its locale, its zone); these fallbacks are the host's.
  const delimiter = args.delimiter ?? settings.csvDelimiter ?? localeCsvDelimiter();
  const columnOptions = { timeZone };
  const refs = profileRefs(ctx);
  // Asked once per row: cached by the LE as the ledger spells it (one string per space), so a row
  // costs one lookup, not a lower-cased copy of its LE UUID. profileFor ignores case itself.
  const names = new Map<string, string | null>();
  const nameOf = (le: string) => {
    let name = names.get(le);
    if (name === undefined) names.set(le, (name = profileFor(le, refs)?.displayName ?? null));
    return name;
  };
  const totalRows = args.layout === 'submissions' ? (filter === null ? 0 : ctx.ledger.countSubmissions(filter).total) : null;
  const onProgress = (rowsWritten: number) => {
    ctx.events.emit('exportProgress', { exportId, phase: 'running', rowsWritten, totalRows });
  };
  try {
    const result =
      args.layout === 'submissions'
        ? await streamCsv(submissionRows(ctx, filter, sort, nameOf), submissionColumns(columnOptions), sink, { delimiter, onProgress })
        : await streamCsv(validationRows(ctx, filter, sort, nameOf), validationColumns(columnOptions), sink, { delimiter, onProgress });
    // No 'done' or 'failed' here: the host announces the end once the file is in place (Electron
    // renames it after this; the rename can still fail) or the download has ended (services.ts).
    return ok(result);
  } catch (err) {
    const message = 'The export stopped: the destination could not be written (disk full, or the download was cancelled).';
    ctx.log.error('CSV export failed', err);
    // The sink is left to the host: closing it here ended a web download normally, so the browser
    // kept the rows written so far as a complete file. The host discards it (web: the response is
    // destroyed, the download fails; Electron: the partial file is closed and removed).
    return fail({ kind: 'io', message });
  }
}

function* submissionRows(
  ctx: WorkflowContext,
  filter: SubmissionFilter | null,
  sort: SortSpec,
  nameOf: (le: string) => string | null,
): Generator<ExportSubmission> {
  if (filter === null) return;
  for (const s of ctx.ledger.exportSubmissions(filter, sort)) yield { submission: s, profileName: nameOf(s.space.le) };
}

/** One row per validation; a submission without any still gets one row (empty validation cells). */
function* validationRows(
  ctx: WorkflowContext,
  filter: SubmissionFilter | null,
  sort: SortSpec,
  nameOf: (le: string) => string | null,
): Generator<ExportValidation> {
  if (filter === null) return;
  for (const r of ctx.ledger.exportValidations(filter, sort)) yield { ...r, profileName: nameOf(r.submission.space.le) };
}
