// Requests for every endpoint x version x mode, compared with the spec's tables 2, 5, 8, 11, 17, 18
// and the Annex C examples. Expected values are written out from the spec text, not computed.
import { describe, expect, it } from 'vitest';
import type { ApiVersion, Mode } from '../../../src-preload/domain';
import { buildRequest, type BuiltRequest, type EndpointCall } from '../../../src-main/echa';

const BASE = 'https://api.ecs.echa.europa.eu/submission';
const ACCEPT = 'application/json, text/plain, */*';

const MODES: { name: string; mode: Mode; headers: Record<string, string> }[] = [
  { name: 'production', mode: { kind: 'production' }, headers: {} },
  { name: 'connectivity', mode: { kind: 'connectivity' }, headers: { 'X-ECHA-Mode': 'test' } },
  {
    name: 'integration',
    mode: { kind: 'integration', testRun: 'mycompanyid-001' },
    headers: { 'X-ECHA-Mode': 'test', 'X-ECHA-Test-Run': 'mycompanyid-001' },
  },
];

// Table 2 / 5 / 8 / 11 request URLs, per version.
const URLS: Record<ApiVersion, { submit: string; report: string; events: string; eventsNoLimit: string; sbr: string | null }> = {
  v1: {
    submit: 'https://api.ecs.echa.europa.eu/submission',
    report: 'https://api.ecs.echa.europa.eu/submission/RMH652909-13',
    events: 'https://api.ecs.echa.europa.eu/submission/events?offset=0&limit=10',
    eventsNoLimit: 'https://api.ecs.echa.europa.eu/submission/events?offset=0',
    sbr: null,
  },
  v2: {
    submit: 'https://api.ecs.echa.europa.eu/submission/v2',
    report: 'https://api.ecs.echa.europa.eu/submission/v2/RMH652909-13',
    events: 'https://api.ecs.echa.europa.eu/submission/v2/events?offset=0&limit=10',
    eventsNoLimit: 'https://api.ecs.echa.europa.eu/submission/v2/events?offset=0',
    sbr: 'https://api.ecs.echa.europa.eu/submission/v2/sbr',
  },
  v3: {
    submit: 'https://api.ecs.echa.europa.eu/submission/v3',
    report: 'https://api.ecs.echa.europa.eu/submission/v3/RMH652909-13',
    events: 'https://api.ecs.echa.europa.eu/submission/v3/events?offset=0&limit=10',
    eventsNoLimit: 'https://api.ecs.echa.europa.eu/submission/v3/events?offset=0',
    sbr: 'https://api.ecs.echa.europa.eu/submission/v3/sbr',
  },
};

function build(version: ApiVersion, mode: Mode, call: EndpointCall, baseUrl = BASE): BuiltRequest {
  const r = buildRequest({ baseUrl, version }, mode, call);
  if (!r.ok) throw new Error(`refused: ${r.problem.message}`);
  return r.value;
}

describe.each(['v1', 'v2', 'v3'] as const)('API %s', (version) => {
  describe.each(MODES)('$name mode', ({ mode, headers: modeHeaders }) => {
    it('submit (raw archive): POST {base}, table 2 headers', () => {
      const r = build(version, mode, { endpoint: 'submit', fileName: 'initial-dossier.i6z', encoding: 'raw', fileSize: 72859 });
      expect(r.method).toBe('POST');
      expect(r.url).toBe(URLS[version].submit);
      expect(r.origin).toBe('https://api.ecs.echa.europa.eu');
      expect(r.headers).toEqual({
        Accept: ACCEPT,
        ...modeHeaders,
        'Content-Type': 'application/vnd.iuclid6.archive; filename=initial-dossier.i6z',
        'Content-Length': '72859',
      });
      expect(r.body).toMatchObject({ kind: 'file', encoding: 'raw', fileSize: 72859, contentLength: 72859 });
    });

    it('submit (multipart): same path and mode headers, multipart content type', () => {
      const r = build(version, mode, {
        endpoint: 'submit',
        fileName: 'initial-dossier.i6z',
        encoding: 'multipart',
        fileSize: 100,
        multipartBoundary: 'b0undary',
      });
      expect(r.url).toBe(URLS[version].submit);
      expect(r.headers['Content-Type']).toBe('multipart/form-data; boundary=b0undary');
      expect(r.headers).toMatchObject({ Accept: ACCEPT, ...modeHeaders });
      if (r.body.kind !== 'file' || r.body.encoding !== 'multipart') throw new Error('expected multipart body');
      expect(Number(r.headers['Content-Length'])).toBe(r.body.head.length + 100 + r.body.tail.length);
    });

    it('report: GET {base}/{number}, table 5 headers, no body', () => {
      const r = build(version, mode, { endpoint: 'report', submissionNumber: 'RMH652909-13' });
      expect(r.method).toBe('GET');
      expect(r.url).toBe(URLS[version].report);
      expect(r.headers).toEqual({ Accept: ACCEPT, ...modeHeaders });
      expect(r.body).toEqual({ kind: 'none' });
    });

    it('events: GET {base}/events?offset=&limit= (table 8), limit only when given (C.4.1)', () => {
      const withLimit = build(version, mode, { endpoint: 'events', offset: 0, limit: 10 });
      expect(withLimit.method).toBe('GET');
      expect(withLimit.url).toBe(URLS[version].events);
      expect(withLimit.headers).toEqual({ Accept: ACCEPT, ...modeHeaders });
      expect(build(version, mode, { endpoint: 'events', offset: 0 }).url).toBe(URLS[version].eventsNoLimit);
    });

    it('sbr: POST {base}/sbr with a JSON array (table 11), v2+ only', () => {
      const call: EndpointCall = { endpoint: 'sbr', scipNumbers: ['ff89396f-3974-4888-8791-bef8bad67698', '22499eb4-25e7-401b-9b30-06befa11052c'] };
      const expected = URLS[version].sbr;
      const r = buildRequest({ baseUrl: BASE, version }, mode, call);
      if (expected === null) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problem).toMatchObject({ kind: 'request-rule', retryable: false });
        return;
      }
      if (!r.ok) throw new Error(r.problem.message);
      const body = '["ff89396f-3974-4888-8791-bef8bad67698","22499eb4-25e7-401b-9b30-06befa11052c"]';
      expect(r.value.method).toBe('POST');
      expect(r.value.url).toBe(expected);
      expect(r.value.headers).toEqual({
        Accept: ACCEPT,
        ...modeHeaders,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
      });
      expect(r.value.body.kind === 'json' && r.value.body.bytes.toString('utf8')).toBe(body);
    });
  });
});

describe('table 18: production never carries a test header', () => {
  it('no X-ECHA-Mode and no X-ECHA-Test-Run on any endpoint in production', () => {
    const calls: EndpointCall[] = [
      { endpoint: 'submit', fileName: 'a.i6z', encoding: 'raw', fileSize: 1 },
      { endpoint: 'report', submissionNumber: 'AAD678032-54' },
      { endpoint: 'events', offset: 5 },
      { endpoint: 'sbr', scipNumbers: ['6e89878c-eb2e-476a-a4ae-06c96b1488cf'] },
    ];
    for (const call of calls) {
      const names = Object.keys(build('v3', { kind: 'production' }, call).headers).map((h) => h.toLowerCase());
      expect(names).not.toContain('x-echa-mode');
      expect(names).not.toContain('x-echa-test-run');
    }
  });

  it('no Authorization header in a built request (the transport adds it)', () => {
    const r = build('v3', { kind: 'connectivity' }, { endpoint: 'events', offset: 0 });
    expect(Object.keys(r.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
  });
});

describe('optional headers of table 2', () => {
  it('X-Correlation-Id on submit', () => {
    const r = build('v2', { kind: 'production' }, { endpoint: 'submit', fileName: 'a.i6z', encoding: 'raw', fileSize: 3, correlationId: 'batch-7-item-3' });
    expect(r.headers['X-Correlation-Id']).toBe('batch-7-item-3');
  });

  it('C&L headers X-ECHA-MIGroup-Id and X-ECHA-ContactId on a v3 submit', () => {
    const clp = { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '38843e3e-60ce-458a-bf7b-3289fb272402' };
    const r = build('v3', { kind: 'production' }, { endpoint: 'submit', fileName: 'a.i6z', encoding: 'raw', fileSize: 3, clp });
    expect(r.headers['X-ECHA-MIGroup-Id']).toBe(clp.miGroupId);
    expect(r.headers['X-ECHA-ContactId']).toBe(clp.contactId);
  });

  it('a base URL with a trailing slash or on loopback http builds the same paths', () => {
    expect(build('v2', { kind: 'production' }, { endpoint: 'events', offset: 3, limit: 1000 }, `${BASE}/`).url).toBe(
      'https://api.ecs.echa.europa.eu/submission/v2/events?offset=3&limit=1000',
    );
    const local = build('v3', { kind: 'connectivity' }, { endpoint: 'report', submissionNumber: 'AAD678032-54' }, 'http://127.0.0.1:43121/submission');
    expect(local.url).toBe('http://127.0.0.1:43121/submission/v3/AAD678032-54');
    expect(local.origin).toBe('http://127.0.0.1:43121');
  });

  it('the filename header value is sanitised', () => {
    const r = build('v3', { kind: 'production' }, { endpoint: 'submit', fileName: 'C:\\Users\\ana\\Mix "A";\r\nX-Evil: 1.I6Z', encoding: 'raw', fileSize: 3 });
    expect(r.headers['Content-Type']).toBe('application/vnd.iuclid6.archive; filename=Mix_A_X-Evil_1.i6z');
  });
});

describe('header rules refused before sending (request-rule, nothing built)', () => {
  const submit = (extra: Partial<Extract<EndpointCall, { endpoint: 'submit' }>>, version: ApiVersion = 'v3', mode: Mode = { kind: 'production' }) =>
    buildRequest({ baseUrl: BASE, version }, mode, { endpoint: 'submit', fileName: 'a.i6z', encoding: 'raw', fileSize: 10, ...extra });

  const refusals: [string, ReturnType<typeof buildRequest>][] = [
    ['malformed test run (upper case)', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'integration', testRun: 'MyCo-001' }, { endpoint: 'events', offset: 0 })],
    ['test run with a generic prefix', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'integration', testRun: 'test-001' }, { endpoint: 'events', offset: 0 })],
    ['test run with a special character', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'integration', testRun: 'acme_x-001' }, { endpoint: 'events', offset: 0 })],
    // A value arriving over IPC can be anything: a test run smuggled into production mode.
    ['production with a test run', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production', testRun: 'acme-001' } as unknown as Mode, { endpoint: 'events', offset: 0 })],
    ['an unknown mode', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'staging' } as unknown as Mode, { endpoint: 'events', offset: 0 })],
    ['correlation id with upper case', submit({ correlationId: 'Batch-1' })],
    ['correlation id with an underscore', submit({ correlationId: 'batch_1' })],
    ['empty correlation id', submit({ correlationId: '' })],
    ['C&L headers in v2', submit({ clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '38843e3e-60ce-458a-bf7b-3289fb272402' } }, 'v2')],
    ['C&L headers in v1', submit({ clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '38843e3e-60ce-458a-bf7b-3289fb272402' } }, 'v1')],
    ['C&L with only the MI group', submit({ clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf' } as never })],
    ['C&L with a non-UUID contact', submit({ clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: 'bob' } })],
    ['an empty file', submit({ fileSize: 0 })],
    ['an unknown encoding', submit({ encoding: 'base64' as never })],
    ['sbr in v1', buildRequest({ baseUrl: BASE, version: 'v1' }, { kind: 'production' }, { endpoint: 'sbr', scipNumbers: ['6e89878c-eb2e-476a-a4ae-06c96b1488cf'] })],
    ['sbr with a non-UUID SCIP number', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'sbr', scipNumbers: ['6e89878c-eb2e-476a-a4ae06c96b1488cf'] })],
    ['sbr with no SCIP number', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'sbr', scipNumbers: [] })],
    ['sbr with a duplicate SCIP number', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'sbr', scipNumbers: ['6e89878c-eb2e-476a-a4ae-06c96b1488cf', '6E89878C-EB2E-476A-A4AE-06C96B1488CF'] })],
    ['plain http to a remote host', buildRequest({ baseUrl: 'http://api.ecs.echa.europa.eu/submission', version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 })],
    ['an ftp URL', buildRequest({ baseUrl: 'ftp://127.0.0.1/submission', version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 })],
    ['credentials in the URL', buildRequest({ baseUrl: 'https://u:p@api.ecs.echa.europa.eu/submission', version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 })],
    ['a query in the base URL', buildRequest({ baseUrl: 'https://api.ecs.echa.europa.eu/submission?x=1', version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 })],
    ['not a URL', buildRequest({ baseUrl: 'api.ecs.echa.europa.eu', version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 })],
    ['an unknown version', buildRequest({ baseUrl: BASE, version: 'v4' as never }, { kind: 'production' }, { endpoint: 'events', offset: 0 })],
    ['negative offset', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: -1 })],
    ['fractional offset', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 1.5 })],
    ['limit 0', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0, limit: 0 })],
    ['limit 1001', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0, limit: 1001 })],
    ['a submission number with a path', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'report', submissionNumber: '../events' })],
    ['the word "events" as a submission number', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'report', submissionNumber: 'events' })],
    ['a submission number with a query', buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'report', submissionNumber: 'AAD678032-54?x=1' })],
  ];

  it.each(refusals)('%s', (_name, result) => {
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ kind: 'request-rule', retryable: false, outcomeUnknown: false, category: 'business' });
    expect(result.problem.message.length).toBeGreaterThan(10);
  });

  it('allowed edge values pass: limit 1 and 1000, loopback http on 127.x, ::1 and localhost', () => {
    for (const limit of [1, 1000]) {
      expect(buildRequest({ baseUrl: BASE, version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0, limit }).ok).toBe(true);
    }
    for (const baseUrl of ['http://127.0.0.1:1/submission', 'http://127.9.8.7/submission', 'http://[::1]:8080/submission', 'http://localhost:9/submission']) {
      expect(buildRequest({ baseUrl, version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 }).ok).toBe(true);
    }
    expect(buildRequest({ baseUrl: 'http://128.0.0.1/submission', version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 }).ok).toBe(false);
    expect(buildRequest({ baseUrl: 'http://localhost.evil.com/submission', version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 }).ok).toBe(false);
  });
});

// ECHA's JWT names no host, so a token signed for any other server would be valid at ECHA production:
// the client builds (and so signs) nothing for an address outside ECHA's domain or this computer,
// whatever the settings store let through.
describe('API address policy (the client refuses what it must never sign for)', () => {
  const events = (baseUrl: string) => buildRequest({ baseUrl, version: 'v3' }, { kind: 'production' }, { endpoint: 'events', offset: 0 });

  it.each([
    ['https://api.ecs.echa.europa.eu/submission', 'https://api.ecs.echa.europa.eu'],
    ['https://acceptance.ecs.echa.europa.eu/submission', 'https://acceptance.ecs.echa.europa.eu'],
    ['https://echa.europa.eu/submission', 'https://echa.europa.eu'],
    ['https://API.ECS.Echa.Europa.EU:443/submission', 'https://api.ecs.echa.europa.eu'],
    ['https://127.0.0.1:8443/submission', 'https://127.0.0.1:8443'],
    ['http://localhost:9/submission', 'http://localhost:9'],
  ])('builds for %s', (baseUrl, origin) => {
    const r = events(baseUrl);
    expect(r.ok && r.value.origin).toBe(origin);
  });

  it.each([
    'https://sandbox.example.com/submission',
    'https://192.0.2.1/submission',
    'https://0.0.0.0/submission',
    'https://echa.europa.eu.evil.com/submission',
    'https://evilecha.europa.eu/submission',
    'https://echa-europa.eu/submission',
    'https://api.ecs.echa.europa.eu.evil.com/submission',
    'https://user:pw@api.ecs.echa.europa.eu/submission',
    'https://api.ecs.echa.europa.eu:8443/submission',
    'http://api.ecs.echa.europa.eu/submission',
    'https://localhost.evil.com/submission',
  ])('refuses %s with a human reason that quotes nothing of it', (baseUrl) => {
    const r = events(baseUrl);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ kind: 'request-rule', retryable: false });
    expect(r.problem.message).toMatch(/^[A-Z].{20,}\.$/);
    expect(r.problem.message).not.toContain('pw');
    expect(r.problem.message).not.toContain('evil');
  });

  it('says which addresses are accepted when the host is foreign', () => {
    const r = events('https://sandbox.example.com/submission');
    expect(!r.ok && r.problem.message).toMatch(/echa\.europa\.eu.*this computer/);
  });
});
