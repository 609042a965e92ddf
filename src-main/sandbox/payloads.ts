// JSON bodies per API version: submit (table 4), report (table 7), events (table 10), sbr (table 13).
// Pure functions of the stored state; the timestamps use the spec's offset format.
import type { ApiVersion, SubmissionStatus } from '../../src-preload/domain';
import type { EventData, StoredEvent, Submission } from './engine';
import { CONNECTIVITY_SUBMISSION_NUMBER } from './numbers';
import type { PageRealm, UrlBuilder } from './routes';
import { formatEchaTimestamp } from './time-format';

export function submitBody(sub: Pick<Submission, 'number' | 'space'>, version: ApiVersion, urls: UrlBuilder): Record<string, string> {
  return {
    submissionNumber: sub.number,
    statusUrl: urls.statusUrl(version, sub.number),
    reportUrl: urls.reportUrl(version, sub.space, sub.number),
  };
}

/**
 * Table 7. While PENDING the report carries no dossier information (Annex B.2 #2): no dossier UUID,
 * identifiers, references or validations yet.
 */
export function reportBody(sub: Submission, status: SubmissionStatus, version: ApiVersion, urls: UrlBuilder): Record<string, unknown> {
  const final = status !== 'PENDING';
  const d = final ? sub.dossier : null;
  const body: Record<string, unknown> = {
    submissionNumber: sub.number,
    status,
    submissionDate: formatEchaTimestamp(sub.submittedAt),
  };
  if (d?.uuid) body.dossierUuid = d.uuid;
  if (version !== 'v3') {
    if (sub.fileName !== null) body.filename = sub.fileName;
    if (d?.ref) {
      body.refType = d.ref.type;
      body.refValue = d.ref.value;
    }
  }
  body.validations = final ? sub.validations : [];
  body.reportUrl = urls.reportUrl(version, sub.space, sub.number);
  if (version !== 'v1') {
    body.events = sub.events.map((e) => ({ eventType: e.type, eventData: e.data, timestamp: formatEchaTimestamp(e.at) }));
    if (final && sub.pssi !== null) body.pssi = sub.pssi;
    body.identifiers = d ? d.identifiers : [];
    body.variant = sub.variant;
  }
  if (version === 'v3' && sub.referencedPssi !== null) body.referencedPssi = sub.referencedPssi;
  return body;
}

/**
 * Table 10. What processing learnt (dossier type, UUID, PSSI) appears from the outcome event on; the
 * SUBMITTED event predates it, as in the spec's samples.
 */
export function eventBody(e: StoredEvent, version: ApiVersion, urls: UrlBuilder): Record<string, unknown> {
  const sub = e.submission;
  const processed = e.type !== 'SUBMITTED';
  const body: Record<string, unknown> = { submissionNumber: sub.number };
  if (processed && sub.dossierType !== null) body.dossierType = sub.dossierType;
  body.eventType = e.type;
  body.eventData = e.data;
  body.timestamp = formatEchaTimestamp(e.at);
  body.offset = e.offset;
  body.statusUrl = urls.statusUrl(version, sub.number);
  if (version === 'v2' && sub.correlationId !== null) body.correlationId = sub.correlationId;
  if (version === 'v3' && processed) {
    if (sub.dossier?.uuid) body.dossierUuid = sub.dossier.uuid;
    if (sub.pssi !== null) body.pssi = sub.pssi;
    if (e.type === 'PASSED') body.warnings = sub.validations.some((v) => v.level === 'WARN');
  }
  return body;
}

export type SbrEntry =
  | { ok: true; number: string; space: PageRealm; referencedPssi: string }
  | { ok: false; referencedPssi: string };

/** Table 13, with the spec samples' trailing space in the status values ("SUBMITTED ", "FAILED "). */
export function sbrBody(entries: readonly SbrEntry[], version: ApiVersion, urls: UrlBuilder): Record<string, unknown> {
  return {
    submissionRequests: entries.map((e) =>
      e.ok
        ? {
            status: 'SUBMITTED ',
            submissionNumber: e.number,
            statusUrl: urls.statusUrl(version, e.number),
            reportUrl: urls.reportUrl(version, e.space, e.number),
            referencedPssi: e.referencedPssi,
          }
        : { status: 'FAILED ', referencedPssi: e.referencedPssi },
    ),
  };
}

// ---- Connectivity mode: dummy answers, nothing stored (spec 4.3.1, samples C.2.2, C.3.2, C.4.2) ----

const PRODUCTION: PageRealm = { kind: 'production' };

export function connectivitySubmitBody(version: ApiVersion, urls: UrlBuilder): Record<string, string> {
  return submitBody({ number: CONNECTIVITY_SUBMISSION_NUMBER, space: PRODUCTION }, version, urls);
}

/** Any well-formed number gets a PENDING report that never moves. */
export function connectivityReportBody(number: string, nowMs: number, version: ApiVersion, urls: UrlBuilder): Record<string, unknown> {
  const body: Record<string, unknown> = {
    submissionNumber: number,
    status: 'PENDING',
    submissionDate: formatEchaTimestamp(nowMs),
  };
  if (version !== 'v3') body.filename = 'TestIuclidDossier.i6z';
  body.validations = [];
  body.reportUrl = urls.reportUrl(version, PRODUCTION, number);
  if (version !== 'v1') {
    body.events = [];
    body.identifiers = [];
    body.variant = 'DOSSIER';
  }
  return body;
}

const DUMMY_EVENTS: ReadonlyArray<{ type: StoredEvent['type']; at: string; data: EventData; dossierType?: string }> = [
  { type: 'SUBMITTED', at: '2020-04-13T05:27:56.756Z', data: {} },
  { type: 'PASSED', at: '2020-04-23T05:27:56.756Z', data: {}, dossierType: 'CLP_PCN' },
  { type: 'DISPATCHED', at: '2020-05-03T05:27:56.756Z', data: { recipients: 'DE,FI,GR' }, dossierType: 'CLP_PCN' },
  { type: 'DOWNLOADED', at: '2020-05-08T05:27:56.756Z', data: { country: 'DE' }, dossierType: 'CLP_PCN' },
];

/** The spec's C.4.2 sample, pageable by offset/limit like real events. */
export function connectivityEventsBody(offset: number, limit: number, version: ApiVersion, urls: UrlBuilder): Record<string, unknown>[] {
  return DUMMY_EVENTS.slice(offset, offset + limit).map((e, i) => ({
    submissionNumber: CONNECTIVITY_SUBMISSION_NUMBER,
    ...(e.dossierType ? { dossierType: e.dossierType } : {}),
    eventType: e.type,
    eventData: e.data,
    timestamp: formatEchaTimestamp(Date.parse(e.at)),
    offset: offset + i,
    statusUrl: urls.statusUrl(version, CONNECTIVITY_SUBMISSION_NUMBER),
  }));
}
