// Pure request rules: table 18 headers, routing, fault decisions, numbers, PRNG and CLI arguments.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src-main/sandbox/cli';
import { readEchaHeaders } from '../../../src-main/sandbox/echa-headers';
import { applyFaultPatch, decideFault, NO_FAULTS } from '../../../src-main/sandbox/faults';
import { makeSubmissionNumber, SUBMISSION_NUMBER_PATTERN } from '../../../src-main/sandbox/numbers';
import { createRandom, type Random } from '../../../src-main/sandbox/prng';
import { matchRoute, urlBuilder } from '../../../src-main/sandbox/routes';

describe('readEchaHeaders (table 18)', () => {
  const mode = (h: Record<string, string>) => {
    const r = readEchaHeaders(h, 'events', 'v3');
    return r.ok ? r.value.mode : { status: r.answer.status, body: r.answer.body };
  };

  it('maps the three allowed combinations to the three modes', () => {
    expect(mode({})).toEqual({ kind: 'production' });
    expect(mode({ 'x-echa-mode': 'test' })).toEqual({ kind: 'connectivity' });
    expect(mode({ 'x-echa-mode': 'test', 'x-echa-test-run': 'acme-7' })).toEqual({ kind: 'integration', testRun: 'acme-7' });
  });

  it('answers every other combination with a 400', () => {
    expect(mode({ 'x-echa-mode': 'prod' })).toMatchObject({ status: 400 });
    expect(mode({ 'x-echa-mode': 'prod', 'x-echa-test-run': 'acme-7' })).toMatchObject({ status: 400 });
    expect(mode({ 'x-echa-test-run': 'acme-7' })).toMatchObject({ status: 400 });
    expect(mode({ 'x-echa-mode': 'test', 'x-echa-test-run': 'Acme-7' })).toMatchObject({ status: 400 });
  });

  it('joins repeated headers, so a repeated mode is invalid', () => {
    expect(mode({ 'x-echa-mode': ['test', 'test'] as unknown as string })).toMatchObject({ status: 400, body: expect.stringContaining('test, test') });
  });

  it('returns the correlation id and the C&L headers when valid', () => {
    const r = readEchaHeaders(
      {
        'x-correlation-id': 'a-1',
        'x-echa-migroup-id': '0f8fad5b-d9cb-469f-a165-70867728950e',
        'x-echa-contactid': '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      },
      'submit',
      'v3',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        mode: { kind: 'production' },
        correlationId: 'a-1',
        clp: { miGroupId: '0f8fad5b-d9cb-469f-a165-70867728950e', contactId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
      },
    });
  });
});

describe('matchRoute', () => {
  it.each([
    ['POST', '/submission', { kind: 'api', route: { endpoint: 'submit', version: 'v1' } }],
    ['POST', '/submission/v3', { kind: 'api', route: { endpoint: 'submit', version: 'v3' } }],
    ['GET', '/submission/events', { kind: 'api', route: { endpoint: 'events', version: 'v1' } }],
    ['GET', '/submission/v2/events', { kind: 'api', route: { endpoint: 'events', version: 'v2' } }],
    ['POST', '/submission/v2/sbr', { kind: 'api', route: { endpoint: 'sbr', version: 'v2' } }],
    ['GET', '/submission/AAD678032-54', { kind: 'api', route: { endpoint: 'report', version: 'v1', number: 'AAD678032-54' } }],
    ['GET', '/submission/v3/AAD678032-54', { kind: 'api', route: { endpoint: 'report', version: 'v3', number: 'AAD678032-54' } }],
    ['POST', '/submission/sbr', { kind: 'api-unknown', version: 'v1' }],
    ['GET', '/submission/v3', { kind: 'api-method', version: 'v3', endpoint: 'submit', allow: 'POST' }],
    ['GET', '/submission/v3/x/y', { kind: 'api-unknown', version: 'v3' }],
    ['GET', '/submissions', { kind: 'none' }],
    ['GET', '/cloud/submissions/AAD678032-54', { kind: 'report-page', realm: { kind: 'production' }, version: 'v1', number: 'AAD678032-54' }],
    ['GET', '/test/acme-1/cloud/submissions/v2/AAD678032-54', { kind: 'report-page', realm: { kind: 'integration', testRun: 'acme-1' }, version: 'v2', number: 'AAD678032-54' }],
    ['POST', '/cloud/submissions/AAD678032-54', { kind: 'none' }],
    ['GET', '/__sandbox/state', { kind: 'control', path: '/__sandbox/state' }],
  ])('%s %s', (method, path, expected) => {
    expect(matchRoute(method, path)).toEqual(expected);
  });

  it('builds URLs that route back to the same place', () => {
    const urls = urlBuilder('http://127.0.0.1:1');
    const status = new URL(urls.statusUrl('v2', 'AAD678032-54'));
    expect(matchRoute('GET', status.pathname)).toEqual({ kind: 'api', route: { endpoint: 'report', version: 'v2', number: 'AAD678032-54' } });
    const page = new URL(urls.reportUrl('v3', { kind: 'integration', testRun: 'r-1' }, 'AAD678032-54'));
    expect(matchRoute('GET', page.pathname)).toMatchObject({ kind: 'report-page', realm: { kind: 'integration', testRun: 'r-1' } });
  });
});

describe('decideFault', () => {
  const always: Random = createRandom(1, 'faults');
  it('applies the first rate that hits, in a fixed order, and drop-after-body only to submit and sbr', () => {
    const all = { ...NO_FAULTS, rate500: 1, rateHtml502: 1, rateDrop: 1, rateDropAfterBody: 1, slowMs: 5 };
    expect(decideFault(all, 'events', always)).toEqual({ slowMs: 5, kind: '500' });
    expect(decideFault({ ...all, rate500: 0 }, 'events', always)).toEqual({ slowMs: 5, kind: 'html502' });
    expect(decideFault({ ...all, rate500: 0, rateHtml502: 0 }, 'events', always)).toEqual({ slowMs: 5, kind: 'drop' });
    const afterBody = { ...NO_FAULTS, rateDropAfterBody: 1 };
    expect(decideFault(afterBody, 'events', always).kind).toBeNull();
    expect(decideFault(afterBody, 'report', always).kind).toBeNull();
    expect(decideFault(afterBody, 'submit', always).kind).toBe('drop-after-body');
    expect(decideFault(afterBody, 'sbr', always).kind).toBe('drop-after-body');
  });

  it('does nothing outside `only` or for unknown routes', () => {
    const cfg = { ...NO_FAULTS, rate500: 1, slowMs: 9, only: ['report' as const] };
    expect(decideFault(cfg, 'submit', always)).toEqual({ slowMs: 0, kind: null });
    expect(decideFault({ ...NO_FAULTS, rate500: 1 }, null, always)).toEqual({ slowMs: 0, kind: null });
  });

  it('draws a rate close to the one asked for', () => {
    const r = createRandom(99, 'faults');
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (decideFault({ ...NO_FAULTS, rate500: 0.3 }, 'events', r).kind) hits++;
    expect(hits).toBeGreaterThan(2700);
    expect(hits).toBeLessThan(3300);
  });

  it('patches: merges, de-duplicates `only`, clears it with null, rejects junk', () => {
    const a = applyFaultPatch({ ...NO_FAULTS }, { rate500: 0.5, only: ['sbr', 'sbr'] });
    expect(a).toEqual({ ...NO_FAULTS, rate500: 0.5, only: ['sbr'] });
    expect(applyFaultPatch(a, { only: null })).toEqual({ ...NO_FAULTS, rate500: 0.5 });
    expect(() => applyFaultPatch(a, { rateDrop: Number.NaN })).toThrow();
  });
});

describe('numbers and the PRNG', () => {
  it('makes ECHA-shaped submission numbers, the same ones for the same seed', () => {
    const a = createRandom(5, 'numbers');
    const b = createRandom(5, 'numbers');
    for (let i = 0; i < 1000; i++) {
      const n = makeSubmissionNumber(a);
      expect(n).toMatch(SUBMISSION_NUMBER_PATTERN);
      expect(makeSubmissionNumber(b)).toBe(n);
    }
  });

  it('keeps streams independent and seeds distinct', () => {
    const seq = (seed: number, stream: 'numbers' | 'faults') => {
      const r = createRandom(seed, stream);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(seq(1, 'numbers')).not.toEqual(seq(1, 'faults'));
    expect(seq(1, 'numbers')).not.toEqual(seq(2, 'numbers'));
  });

  it('makes version-4-shaped UUIDs', () => {
    const r = createRandom(3, 'processing');
    for (let i = 0; i < 200; i++) expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('CLI arguments', () => {
  it('parses every option', () => {
    expect(parseArgs(['--port', '8080', '--seed', '3', '--manual-clock', '--no-control', '--json', '--processing-ms', '10', '--download-ms', '0'])).toEqual({
      json: true,
      options: { port: 8080, seed: 3, clock: 'manual', control: false, timing: { processingMs: 10, downloadMs: 0 } },
    });
    expect(parseArgs([])).toEqual({ json: false, options: {} });
    expect(parseArgs(['-h'])).toEqual({ help: true });
  });

  it('refuses unknown options and bad numbers', () => {
    expect(parseArgs(['--verbose'])).toEqual({ error: 'Unknown option --verbose' });
    expect(parseArgs(['--port'])).toEqual({ error: '--port needs a non-negative integer' });
    expect(parseArgs(['--seed', '-1'])).toEqual({ error: '--seed needs a non-negative integer' });
    expect(parseArgs(['--port', 'abc'])).toEqual({ error: '--port needs a non-negative integer' });
    expect(parseArgs(['--port=12.5'])).toEqual({ error: '--port needs a non-negative integer' });
    expect(parseArgs(['--json=yes'])).toEqual({ error: '--json takes no value' });
    expect(parseArgs(['8080'])).toEqual({ error: 'Unexpected argument 8080' });
  });
});
