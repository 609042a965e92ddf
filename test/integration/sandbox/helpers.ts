// Test helpers for the sandbox over real HTTP. Tokens are signed with jose (not the sandbox's own code)
// and requests go through fetch, so the sandbox is checked from the outside as a client sees it.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { startSandbox, type Sandbox, type SandboxLegalEntity, type SandboxOptions } from '../../../src-main/sandbox';
import type { KeyReading } from '../../../src-preload/domain';

/** 2024-01-15T10:00:00Z: winter time in Helsinki (+02:00). */
export const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);

export function manualSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ clock: 'manual', startAt: T0, seed: 42, ...options });
}

export function secretFor(apiKey: string, reading: KeyReading): Uint8Array {
  return reading === 'literal' ? new TextEncoder().encode(apiKey) : new Uint8Array(Buffer.from(apiKey, 'base64url'));
}

export interface TokenOptions {
  sub?: string;
  party?: string;
  /** Seconds since epoch; null for no exp claim (the default). */
  exp?: number | null;
  nbf?: number;
  reading?: KeyReading;
  apiKey?: string;
}

export async function tokenFor(le: SandboxLegalEntity, o: TokenOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = { sub: o.sub ?? le.username, 'x-echa-party': o.party ?? le.leUuid };
  if (o.nbf !== undefined) claims.nbf = o.nbf;
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (o.exp !== undefined && o.exp !== null) jwt = jwt.setExpirationTime(o.exp);
  return jwt.sign(secretFor(o.apiKey ?? le.apiKey, o.reading ?? le.keyReading));
}

/** A token with an arbitrary header, signed with HMAC-SHA256 by hand (for alg tests). */
export function handMadeToken(header: Record<string, unknown>, claims: Record<string, unknown>, secret: Uint8Array): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc(header)}.${enc(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export interface Reply {
  status: number;
  contentType: string | null;
  text: string;
  headers: Headers;
  json<T = unknown>(): T;
}

export interface CallOptions {
  token?: string | null;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export async function call(sb: Sandbox, method: string, path: string, o: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*', ...o.headers };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  const body = typeof o.body === 'string' || o.body === undefined ? o.body : new Uint8Array(o.body);
  const res = await fetch(`${sb.url}${path}`, { method, headers, body });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text,
    headers: res.headers,
    json: <T>() => JSON.parse(text) as T,
  };
}

/** Modes as headers, the way table 18 spells them. */
export const PRODUCTION: Record<string, string> = {};
export const CONNECTIVITY: Record<string, string> = { 'X-ECHA-Mode': 'test' };
export const integration = (run: string): Record<string, string> => ({ 'X-ECHA-Mode': 'test', 'X-ECHA-Test-Run': run });

export const ARCHIVE_TYPE = (fileName: string): string => `application/vnd.iuclid6.archive; filename=${fileName}`;

export async function uploadRaw(
  sb: Sandbox,
  token: string,
  filePath: string,
  o: { version?: 'v1' | 'v2' | 'v3'; headers?: Record<string, string>; fileName?: string } = {},
): Promise<Reply> {
  const base = o.version === 'v1' ? '/submission' : `/submission/${o.version ?? 'v3'}`;
  return call(sb, 'POST', base, {
    token,
    headers: { 'Content-Type': ARCHIVE_TYPE(o.fileName ?? 'dossier.i6z'), ...o.headers },
    body: await readFile(filePath),
  });
}

export function multipartBody(boundary: string, fileName: string, bytes: Buffer, extraParts = ''): Buffer {
  return Buffer.concat([
    Buffer.from(
      `${extraParts}--${boundary}\r\nContent-Type: application/octet-stream; name=${fileName}\r\n` +
        `Content-Transfer-Encoding: binary\r\nContent-Disposition: form-data; name="${fileName}"; filename="${fileName}"\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

export interface SubmitReply {
  submissionNumber: string;
  statusUrl: string;
  reportUrl: string;
}

export interface EventJson {
  submissionNumber: string;
  dossierType?: string;
  eventType: string;
  eventData: Record<string, string>;
  timestamp: string;
  offset: number;
  statusUrl: string;
  correlationId?: string;
  dossierUuid?: string;
  pssi?: string;
  warnings?: boolean;
}

export async function eventsOf(sb: Sandbox, token: string, mode: Record<string, string>, query = '', version = 'v3'): Promise<EventJson[]> {
  const r = await call(sb, 'GET', `/submission/${version}/events${query}`, { token, headers: mode });
  if (r.status !== 200) throw new Error(`events answered ${r.status}: ${r.text}`);
  return r.json<EventJson[]>();
}

export interface RawReply {
  status: number | null;
  error: string | null;
  body: string;
}

/** A request over node:http that reports a cut connection instead of throwing. */
export function rawRequest(sb: Sandbox, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<RawReply> {
  return new Promise((resolve) => {
    const req = httpRequest(`${sb.url}${path}`, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? null, error: null, body: text }));
      res.on('error', (err) => resolve({ status: res.statusCode ?? null, error: err.message, body: text }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? null, error: 'aborted', body: text }));
    });
    req.on('error', (err) => resolve({ status: null, error: err.message, body: '' }));
    req.end(body);
  });
}
