// Storing a fetched submission report: every table-7 field in columns, the raw JSON as received,
// validations as rows, aggregates on the submission. A refreshed report replaces the previous one.
import type { ApiVersion } from '../../src-preload/domain';
import type { LedgerContext } from './context';
import { LedgerError } from './errors';
import { ReportInputSchema, check } from './inputs';
import type { ReportInput } from './inputs';
import { canonicalInstant, foldStored, indexTerms, readFoldRow, writeFold } from './submissions-store';
import type { LedgerReport, StatusChange } from './types';

function finalMomentFromReport(r: ReportInput): string | null {
  // The PASSED/FAILED event inside the report (v2+) dates the final status; v1 has none.
  const type = r.status === 'VALIDATION_SUCCEEDED' ? 'PASSED' : r.status === 'VALIDATION_FAILED' ? 'FAILED' : null;
  if (type === null) return null;
  let best: { at: string; ms: number } | null = null;
  for (const e of r.events ?? []) {
    if (e.eventType !== type) continue;
    const c = canonicalInstant(e.timestamp);
    if (c && (best === null || c.ms < best.ms)) best = c;
  }
  return best?.at ?? null;
}

export function storeReport(
  ctx: LedgerContext,
  submissionId: number,
  report: LedgerReport,
  options: { raw?: unknown; apiVersion?: ApiVersion | null } = {},
): StatusChange | null {
  const r = check(ReportInputSchema, report, 'submission report');
  let raw: string;
  try {
    raw = JSON.stringify(options.raw === undefined ? report : options.raw) ?? 'null';
  } catch {
    throw new LedgerError('invalid-input', 'The raw report could not be stored as JSON.');
  }
  if (raw.length > 50 * 1024 * 1024) throw new LedgerError('invalid-input', 'The report is larger than 50 MB and was not stored.');

  return ctx.tx(() => {
    const sub = ctx.stmt('SELECT id, number, submitted_at FROM submissions WHERE id = ?').get(submissionId) as
      | { id: number; number: string; submitted_at: string }
      | undefined;
    if (!sub) throw new LedgerError('not-found', `Submission ${submissionId} is not in the history.`);
    if (sub.number !== r.submissionNumber) {
      throw new LedgerError('invalid-input', `The report is for ${r.submissionNumber}, not for ${sub.number}.`);
    }
    const fetchedAt = ctx.nowIso();
    ctx
      .stmt(
        `INSERT INTO reports (submission_id, fetched_at, api_version, submission_number, status, submission_date, dossier_uuid, filename,
           ref_type, ref_value, report_url, pssi, variant, referenced_pssi, identifiers, events, raw)
         VALUES (@submission_id, @fetched_at, @api_version, @submission_number, @status, @submission_date, @dossier_uuid, @filename,
           @ref_type, @ref_value, @report_url, @pssi, @variant, @referenced_pssi, @identifiers, @events, @raw)
         ON CONFLICT (submission_id) DO UPDATE SET fetched_at = excluded.fetched_at, api_version = excluded.api_version,
           submission_number = excluded.submission_number, status = excluded.status, submission_date = excluded.submission_date,
           dossier_uuid = excluded.dossier_uuid, filename = excluded.filename, ref_type = excluded.ref_type, ref_value = excluded.ref_value,
           report_url = excluded.report_url, pssi = excluded.pssi, variant = excluded.variant, referenced_pssi = excluded.referenced_pssi,
           identifiers = excluded.identifiers, events = excluded.events, raw = excluded.raw`,
      )
      .run({
        submission_id: submissionId,
        fetched_at: fetchedAt,
        api_version: options.apiVersion ?? null,
        submission_number: r.submissionNumber,
        status: r.status,
        submission_date: r.submissionDate ?? null,
        dossier_uuid: r.dossierUuid ?? null,
        filename: r.filename ?? null,
        ref_type: r.refType ?? null,
        ref_value: r.refValue ?? null,
        report_url: r.reportUrl ?? null,
        pssi: r.pssi ?? null,
        variant: r.variant ?? null,
        referenced_pssi: r.referencedPssi ?? null,
        identifiers: JSON.stringify(r.identifiers ?? []),
        events: JSON.stringify(r.events ?? []),
        raw,
      });

    ctx.stmt('DELETE FROM report_validations WHERE submission_id = ?').run(submissionId);
    // A final report ends any pause after earlier misses (report-misses.ts); a pending one does not.
    if (r.status === 'VALIDATION_SUCCEEDED' || r.status === 'VALIDATION_FAILED') ctx.stmt('DELETE FROM report_misses WHERE submission_id = ?').run(submissionId);
    const insertValidation = ctx.stmt('INSERT INTO report_validations (submission_id, seq, level, code, context) VALUES (?, ?, ?, ?, ?)');
    const counts = { FAIL: 0, WARN: 0, EXCEPTION: 0 } as Record<string, number>;
    const codes = new Set<string>();
    r.validations.forEach((v, i) => {
      insertValidation.run(submissionId, i + 1, v.level, v.code, v.context);
      if (v.level in counts) counts[v.level]! += 1;
      const code = v.code.trim();
      if (code !== '' && !/\s/.test(code)) codes.add(code);
    });

    const reportFinalAt = finalMomentFromReport(r) ?? fetchedAt;
    const variant = r.variant === 'DOSSIER' || r.variant === 'SBR' ? r.variant : null;
    const date = canonicalInstant(r.submissionDate);
    ctx
      .stmt(
        `UPDATE submissions SET report_status = @status, report_final_at = @final_at, report_fetched_at = @fetched_at,
           fail_count = @fail, warn_count = @warn, exception_count = @exception, validation_codes = @codes,
           report_url = COALESCE(@report_url, report_url), dossier_uuid = COALESCE(dossier_uuid, @dossier_uuid),
           file_name = CASE WHEN file_name = '' THEN COALESCE(@filename, '') ELSE file_name END,
           pssi = COALESCE(pssi, @pssi), referenced_pssi = COALESCE(referenced_pssi, @referenced_pssi),
           variant = COALESCE(variant, @variant), api_version = COALESCE(api_version, @api_version)
         WHERE id = @id`,
      )
      .run({
        id: submissionId,
        status: r.status,
        final_at: reportFinalAt,
        fetched_at: fetchedAt,
        fail: counts.FAIL,
        warn: counts.WARN,
        exception: counts.EXCEPTION,
        codes: [...codes].sort().join(' '),
        report_url: r.reportUrl ?? null,
        dossier_uuid: r.dossierUuid?.toLowerCase() ?? null,
        filename: r.filename ?? null,
        pssi: r.pssi ?? null,
        referenced_pssi: r.referencedPssi ?? null,
        variant,
        api_version: options.apiVersion ?? null,
      });
    indexTerms(ctx, submissionId, {
      dossierUuid: r.dossierUuid,
      fileName: r.filename,
      pssi: r.pssi,
      referencedPssi: r.referencedPssi,
      other: [r.refValue, ...(r.identifiers ?? []).map((i) => i.value)],
    });

    // Re-derive the status with the report's status now known (events still take precedence), and
    // let the report's date stand in for the SUBMITTED event until that is seen.
    const row = readFoldRow(ctx, submissionId);
    const state = foldStored(ctx, submissionId);
    return writeFold(ctx, row, state, state, date);
  });
}
