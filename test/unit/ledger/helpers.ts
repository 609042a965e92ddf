// Shared set-up for the ledger tests: a real SQLite file in a fresh temp folder, a controllable clock,
// and builders for the inputs other modules hand the ledger.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../../../src-main/ledger';
import type { DossierMeta, Ledger, LedgerEvent, OpenLedgerOptions, Space } from '../../../src-main/ledger';
import type { Problem } from '../../../src-preload/domain';

export const LE_A = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
export const LE_B = 'ECHA-0bda1005-201c-4a43-b776-3c748f5fd1cf';
export const PROD_A: Space = { le: LE_A, mode: { kind: 'production' } };
export const CONN_A: Space = { le: LE_A, mode: { kind: 'connectivity' } };
export const INT_A1: Space = { le: LE_A, mode: { kind: 'integration', testRun: 'acme-001' } };
export const INT_A2: Space = { le: LE_A, mode: { kind: 'integration', testRun: 'acme-002' } };
export const PROD_B: Space = { le: LE_B, mode: { kind: 'production' } };

export interface TempLedger {
  dir: string;
  dbPath: string;
  ledger: Ledger;
  clock: { now: Date };
  reopen(options?: OpenLedgerOptions): Ledger;
  cleanup(): void;
}

/** A ledger on a real file in a fresh folder; `clock.now` drives every timestamp the ledger writes. */
export function tempLedger(options: OpenLedgerOptions = {}): TempLedger {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  const dbPath = join(dir, 'ledger.db');
  const clock = { now: new Date('2024-05-02T08:00:00.000Z') };
  const open = (o: OpenLedgerOptions = {}) => openLedger(dbPath, { now: () => clock.now, ...options, ...o });
  const t: TempLedger = {
    dir,
    dbPath,
    clock,
    ledger: open(),
    reopen(o) {
      t.ledger.close();
      t.ledger = open(o);
      return t.ledger;
    },
    cleanup() {
      try {
        t.ledger.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return t;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes a fake dossier file and returns its path and the DossierInfo-like metadata for it. */
export function dossierFile(dir: string, name: string, overrides: Partial<DossierMeta> = {}, content = `i6z bytes of ${name}`): { path: string; meta: DossierMeta } {
  const path = join(dir, name);
  writeFileSync(path, content);
  const meta: DossierMeta = {
    fileName: name,
    sizeBytes: Buffer.byteLength(content),
    sha256: sha256(content),
    dossierUuid: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff',
    dossierName: 'Acme mixture',
    submissionType: 'CLP_PCN',
    kind: 'PCN',
    ufis: [{ value: 'W000-A0PG-U00U-2K6S', valid: true }],
    pcnNumber: 'e1131d0b-781f-4427-9a43-f5189dcb7918',
    scipPrimaryArticleId: null,
    ...overrides,
  };
  return { path, meta };
}

export function problem(overrides: Partial<Problem> = {}): Problem {
  return { kind: 'server', status: 500, message: 'ECHA answered with a server error.', retryable: true, category: 'technical', outcomeUnknown: false, ...overrides };
}

export function ev(submissionNumber: string, eventType: LedgerEvent['eventType'], timestamp: string, offset: number, extra: Partial<LedgerEvent> = {}): LedgerEvent {
  return { submissionNumber, eventType, timestamp, offset, ...extra };
}
