// Response bodies: the Annex C samples per version, status normalisation, and hostile variations.
import { describe, expect, it } from 'vitest';
import {
  parseEventsResponse,
  parseReportResponse,
  parseSbrResponse,
  parseSubmitResponse,
  type Report,
} from '../../../src-main/echa';
import {
  C2_SUBMIT,
  C3_REPORT_V1_INTEGRATION,
  C3_REPORT_V1_PRODUCTION,
  C3_REPORT_V2_CONNECTIVITY,
  C4_EVENTS_CONNECTIVITY,
  C4_EVENTS_INTEGRATION,
  C4_EVENTS_PRODUCTION,
  C5_SBR_AS_PRINTED,
  C5_SBR_CONNECTIVITY,
  C5_SBR_PRODUCTION,
  TABLE7_REPORT_EVENTS,
} from './fixtures/annex-c';

function value<T>(r: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}

describe('submit (table 4, C.2)', () => {
  it.each(Object.entries(C2_SUBMIT))('%s sample', (_mode, body) => {
    const v = value(parseSubmitResponse(body));
    expect(v.submissionNumber).toMatch(/^[A-Z]{3}\d{6}-\d{2}$/);
    expect(v.statusUrl).toContain(v.submissionNumber);
    expect(v.reportUrl).toContain('/cloud/submissions/');
  });

  it('a missing submission number -> unparseable, and the outcome is unknown (ECHA accepted something)', () => {
    const r = parseSubmitResponse('{"statusUrl":"x","reportUrl":"y"}', 202);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ kind: 'unparseable', status: 202, outcomeUnknown: true, retryable: false });
    expect(r.problem.message).toMatch(/submissionNumber/);
  });
});

describe('report (table 7, C.3) per version', () => {
  it('v1: C.3.6 production sample keeps filename/refType/refValue and every validation', () => {
    const r = value(parseReportResponse('v1', C3_REPORT_V1_PRODUCTION));
    expect(r.version).toBe('v1');
    if (r.version !== 'v1') return;
    expect(r).toMatchObject({
      submissionNumber: 'RMH652909-13',
      status: 'VALIDATION_FAILED',
      submissionDate: '2019-09-05T12:28:29.317171+03:00',
      dossierUuid: '02d5ffce-bf9a-4017-ab3d-d7d6166ea34b',
      filename: 's2s-update-1.i6z',
      refType: 'PCN number',
      refValue: '1aab1d58-3050-4f7a-8d4d-d8079f84c089',
      reportUrl: 'https://ecs.echa.europa.eu/cloud/submissions/RMH652909-13',
    });
    expect(r.validations.map((v) => `${v.level}:${v.code}`)).toEqual([
      'FAIL:BR564', 'FAIL:BR576', 'WARN:BR598', 'FAIL:BR553', 'FAIL:BR556', 'WARN:BR508',
    ]);
    expect(r.validations[3]!.context).toContain('#SpecificSubmissions.PCNNumber');
    expect('events' in r).toBe(false);
  });

  it('v1: C.3.4 integration sample', () => {
    const r = value(parseReportResponse('v1', C3_REPORT_V1_INTEGRATION));
    expect(r.status).toBe('VALIDATION_FAILED');
    expect(r.validations).toHaveLength(3);
    expect(r.validations[2]).toEqual({ level: 'FAIL', code: 'BR570', context: '' });
  });

  it('v1 requires filename', () => {
    const body = JSON.parse(C3_REPORT_V1_PRODUCTION) as Record<string, unknown>;
    delete body.filename;
    expect(parseReportResponse('v1', JSON.stringify(body)).ok).toBe(false);
  });

  it('v2: the C.3.2 connectivity sample (no variant, extra filename) parses with events, identifiers, pssi', () => {
    const r = value(parseReportResponse('v2', C3_REPORT_V2_CONNECTIVITY));
    expect(r.version).toBe('v2');
    if (r.version !== 'v2') return;
    expect(r).toMatchObject({ submissionNumber: 'AAD678032-54', status: 'PENDING', pssi: 'pssi-key', events: [], validations: [] });
    expect(r.identifiers).toEqual([{ label: 'ECHA Article ID', value: '123', other: {} }]);
    expect(r.variant).toBeUndefined();
    expect('filename' in r).toBe(false);
  });

  it('v2: the table 7 event list, recipients split into countries', () => {
    const body = { ...JSON.parse(C3_REPORT_V2_CONNECTIVITY), status: 'VALIDATION_SUCCEEDED', variant: 'DOSSIER', events: JSON.parse(TABLE7_REPORT_EVENTS) };
    const r = value(parseReportResponse('v2', JSON.stringify(body)));
    if (r.version !== 'v2') throw new Error('v2 expected');
    expect(r.variant).toBe('DOSSIER');
    expect(r.events.map((e) => e.eventType)).toEqual(['SUBMITTED', 'PASSED', 'DISPATCHED', 'DOWNLOADED']);
    expect(r.events[2]!.eventData).toEqual({ recipients: ['FI', 'GR', 'BE'] });
    expect(r.events[3]!.eventData).toEqual({ country: 'FI' });
    expect(r.events[0]!.eventData).toEqual({});
  });

  it('v3: drops filename/refType/refValue, keeps referencedPssi, SBR variant', () => {
    const body = {
      submissionNumber: 'AAD678032-54', status: 'validation_succeeded ', submissionDate: '2021-07-01T10:00:00+03:00',
      filename: 'x.i6z', refType: 'PCN number', refValue: 'v', validations: [], reportUrl: 'https://ecs.echa.europa.eu/cloud/submissions/v3/AAD678032-54',
      events: [], identifiers: [], variant: 'sbr', pssi: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', referencedPssi: '6e89878c-eb2e-476a-a4ae-06c96b1488cf',
    };
    const r: Report = value(parseReportResponse('v3', JSON.stringify(body)));
    if (r.version !== 'v3') throw new Error('v3 expected');
    expect(r.status).toBe('VALIDATION_SUCCEEDED');
    expect(r.variant).toBe('SBR');
    expect(r.referencedPssi).toBe('6e89878c-eb2e-476a-a4ae-06c96b1488cf');
    expect(r).not.toHaveProperty('filename');
    expect(r).not.toHaveProperty('refType');
    expect(r).not.toHaveProperty('refValue');
  });

  it('an "Invalid IUCLID archive" report (2.3.2: no dossierUuid, no reportUrl) is still read', () => {
    const body = {
      submissionNumber: 'AAD678032-54', status: 'VALIDATION_FAILED', submissionDate: '2021-07-01T10:00:00+03:00', filename: 'junk.i6z',
      validations: [{ level: 'FAIL', code: 'IUCLID_FORMAT', context: 'Invalid IUCLID archive' }],
    };
    const r = value(parseReportResponse('v1', JSON.stringify(body)));
    expect(r.dossierUuid).toBeUndefined();
    expect(r.reportUrl).toBeUndefined();
    expect(r.validations[0]!.context).toBe('Invalid IUCLID archive');
  });

  it.each([
    ['missing status', { submissionNumber: 'A1', submissionDate: 'd' }],
    ['unknown status', { submissionNumber: 'A1', status: 'DONE', submissionDate: 'd' }],
    ['wrong type', { submissionNumber: 42, status: 'PENDING', submissionDate: 'd' }],
    ['validation level unknown', { submissionNumber: 'A1', status: 'PENDING', submissionDate: 'd', validations: [{ level: 'INFO', code: 'x', context: '' }] }],
    ['an array instead of an object', []],
  ])('%s -> unparseable with a short description', (_n, body) => {
    const r = parseReportResponse('v3', JSON.stringify(body));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ kind: 'unparseable', outcomeUnknown: false, retryable: true });
    expect(r.problem.message.length).toBeLessThan(700);
  });

  it('garbage or a huge non-JSON body -> unparseable without dumping the body', () => {
    const huge = `<html>${'x'.repeat(1_000_000)}</html>`;
    const r = parseReportResponse('v2', huge);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.message).toMatch(/not JSON/);
    expect((r.problem.serverMessage ?? '').length).toBeLessThanOrEqual(200);
  });
});

describe('events (table 10, C.4)', () => {
  it('C.4.2 connectivity sample', () => {
    const events = value(parseEventsResponse(C4_EVENTS_CONNECTIVITY));
    expect(events.map((e) => [e.offset, e.eventType])).toEqual([[0, 'SUBMITTED'], [1, 'PASSED'], [2, 'DISPATCHED'], [3, 'DOWNLOADED']]);
    expect(events[2]!.eventData.recipients).toEqual(['DE', 'FI', 'GR']);
    expect(events[3]!.eventData.country).toBe('DE');
    expect(events[1]!.dossierType).toBe('CLP_PCN');
    expect(events[0]!.dossierType).toBeUndefined();
  });

  it('C.4.4 integration and C.4.6 production samples', () => {
    const integration = value(parseEventsResponse(C4_EVENTS_INTEGRATION));
    expect(integration).toHaveLength(8);
    expect(integration.filter((e) => e.eventType === 'FAILED').map((e) => e.submissionNumber)).toEqual(['RMH919746-94', 'RMH215655-16']);
    const production = value(parseEventsResponse(C4_EVENTS_PRODUCTION));
    expect(production[2]!.eventData).toEqual({ recipients: ['FI'] });
    expect(production.map((e) => e.offset)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('v2/v3 optional fields: correlationId, dossierUuid, pssi, warnings; odd case and spaces normalised', () => {
    const body = [{
      submissionNumber: 'AAD678032-54', eventType: ' passed ', eventData: { recipients: ' fi, de ,' }, timestamp: '2021-01-01T00:00:00Z',
      offset: 7, statusUrl: 'https://x/submission/v3/AAD678032-54', dossierUuid: '89d31f33-815f-4c31-9674-2b5a7999ff9f',
      pssi: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', warnings: true, correlationId: 'batch-1', unknownField: { deep: 1 },
    }];
    const [e] = value(parseEventsResponse(JSON.stringify(body)));
    expect(e).toEqual({
      submissionNumber: 'AAD678032-54', dossierType: undefined, eventType: 'PASSED', eventData: { recipients: ['FI', 'DE'] },
      timestamp: '2021-01-01T00:00:00Z', offset: 7, statusUrl: 'https://x/submission/v3/AAD678032-54',
      dossierUuid: '89d31f33-815f-4c31-9674-2b5a7999ff9f', pssi: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', warnings: true, correlationId: 'batch-1',
    });
  });

  it('out-of-order events are returned by ascending offset', () => {
    const events = JSON.parse(C4_EVENTS_PRODUCTION) as unknown[];
    const shuffled = [events[3], events[0], events[5], events[1], events[4], events[2]];
    expect(value(parseEventsResponse(JSON.stringify(shuffled))).map((e) => e.offset)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it.each([
    ['negative offset', { offset: -1 }],
    ['fractional offset', { offset: 1.5 }],
    ['empty event type', { eventType: '  ' }],
    ['missing statusUrl', { statusUrl: undefined }],
    ['warnings not a boolean', { warnings: 'maybe' }],
  ])('%s -> unparseable', (_n, change) => {
    const base = JSON.parse(C4_EVENTS_PRODUCTION)[0] as Record<string, unknown>;
    const r = parseEventsResponse(JSON.stringify([{ ...base, ...change }]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.kind).toBe('unparseable');
  });
});

describe('events of a type this version does not know', () => {
  it('are read with their type as sent and their raw JSON, so the page (and the offset) is not stuck', () => {
    const events = JSON.parse(C4_EVENTS_PRODUCTION) as Record<string, unknown>[];
    const odd = { ...events[0], eventType: ' Recalled ', eventData: { why: 'new in a later API' } };
    const r = parseEventsResponse(JSON.stringify([...events, odd]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const unknown = r.value.filter((e) => e.raw !== undefined);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.eventType).toBe('Recalled');
    expect(JSON.parse(unknown[0]!.raw!)).toMatchObject({ eventType: ' Recalled ', eventData: { why: 'new in a later API' } });
    // Known types carry no raw copy and stay normalised.
    expect(r.value.filter((e) => e.raw === undefined).map((e) => e.eventType)).toEqual(events.map((e) => String(e.eventType).trim()));
  });
});

describe('submit by reference (table 13, C.5)', () => {
  it('C.5.2 "SUBMITTED " with a trailing space is normalised', () => {
    expect(value(parseSbrResponse(C5_SBR_CONNECTIVITY))).toEqual([
      {
        status: 'SUBMITTED',
        referencedPssi: '6e89878c-eb2e-476a-a4ae-06c96b1488cf',
        submissionNumber: 'AAD678032-54',
        statusUrl: 'https://api.ecs.echa.europa.eu/submission/v2AAD678032-54',
        reportUrl: 'https://ecs.echa.europa.eu/cloud/submissions/v2/AAD678032-54',
      },
    ]);
  });

  it('C.5.6 one SUBMITTED, one "FAILED "', () => {
    const outcomes = value(parseSbrResponse(C5_SBR_PRODUCTION));
    expect(outcomes.map((o) => o.status)).toEqual(['SUBMITTED', 'FAILED']);
    expect(outcomes[1]).toEqual({ status: 'FAILED', referencedPssi: '38843e3e-60ce-458a-bf7b-3289fb272402' });
  });

  it('the sample exactly as printed (a missing comma) is not JSON: unparseable, outcome unknown', () => {
    const r = parseSbrResponse(C5_SBR_AS_PRINTED, 202);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ kind: 'unparseable', outcomeUnknown: true });
  });

  it('an unknown status or a missing referencedPssi -> unparseable', () => {
    expect(parseSbrResponse('{"submissionRequests":[{"status":"QUEUED","referencedPssi":"x"}]}').ok).toBe(false);
    expect(parseSbrResponse('{"submissionRequests":[{"status":"FAILED"}]}').ok).toBe(false);
    expect(parseSbrResponse('{}').ok).toBe(false);
  });
});
