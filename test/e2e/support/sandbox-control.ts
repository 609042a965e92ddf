// The sandbox's /__sandbox control API, as the tests use it: faults, legal entities, seeding, state.
export interface SandboxLe {
  name: string;
  leUuid: string;
  username: string;
  apiKey: string;
  keyReading: 'base64url-decoded' | 'literal';
}

export class SandboxControl {
  constructor(readonly origin: string) {}

  async #send(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.origin}/__sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  setFaults(faults: Record<string, unknown>): Promise<unknown> {
    return this.#send('POST', 'faults', faults);
  }
  clearFaults(): Promise<unknown> {
    return this.#send('DELETE', 'faults');
  }
  addLegalEntity(le: SandboxLe): Promise<unknown> {
    return this.#send('POST', 'legal-entities', le);
  }
  seed(leUuid: string, space: { kind: 'production' } | { kind: 'integration'; testRun: string }, count: number): Promise<unknown> {
    return this.#send('POST', 'seed', { leUuid, space, count });
  }
  state(): Promise<{ spaces: unknown; legalEntities: Array<{ leUuid: string }> }> {
    return this.#send('GET', 'state') as Promise<{ spaces: unknown; legalEntities: Array<{ leUuid: string }> }>;
  }
  requests(): Promise<Array<{ method: string; path: string; status: number | null; fault: string | null }>> {
    return this.#send('GET', 'requests') as Promise<Array<{ method: string; path: string; status: number | null; fault: string | null }>>;
  }
}

/** A legal entity of its own for a test (fresh UUID, key read as decoded bytes), so tests never share one. */
export function newLegalEntity(name: string): SandboxLe {
  const uuid = crypto.randomUUID();
  const secret = Buffer.from(`e2e-key-${uuid}-not-a-real-secret`).toString('base64url');
  return { name, leUuid: `ECHA-${uuid}`, username: `e2e-${uuid.slice(0, 8)}`, apiKey: secret, keyReading: 'base64url-decoded' };
}
