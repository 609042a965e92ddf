import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY } from '../../../src-main/sandbox';
import { tokenFor } from './helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src-main/sandbox/cli.ts', ...args], { cwd: ROOT, stdio: 'pipe' });
}

async function firstLines(child: ChildProcessWithoutNullStreams, until: RegExp): Promise<string> {
  let out = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) {
    out += chunk as string;
    if (until.test(out)) return out;
  }
  throw new Error(`CLI ended without printing ${until}: ${out}`);
}

describe('the sandbox CLI', () => {
  it('prints the API base and demo credentials, serves requests, and stops cleanly on SIGTERM', async () => {
    const child = startCli(['--port', '0', '--seed', '5']);
    const out = await firstLines(child, /Stop with Ctrl\+C/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain(`${url}/submission/v3`);
    for (const v of [DEMO_LEGAL_ENTITY.name, DEMO_LEGAL_ENTITY.leUuid, DEMO_LEGAL_ENTITY.username, DEMO_LEGAL_ENTITY.apiKey]) expect(out).toContain(v);
    expect(out).toContain('Seed: 5');

    const r = await fetch(`${url}/submission/v3/events`, { headers: { Authorization: `Bearer ${await tokenFor(DEMO_LEGAL_ENTITY)}` } });
    expect(r.status).toBe(200);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('--json prints one machine-readable line; SIGINT stops it', async () => {
    const child = startCli(['--json', '--manual-clock', '--processing-ms', '10']);
    const line = (await firstLines(child, /\n/)).trim();
    const info = JSON.parse(line) as { url: string; apiBase: string; clock: string; legalEntities: { leUuid: string; apiKey: string }[] };
    expect(info.apiBase).toBe(`${info.url}/submission`);
    expect(info.clock).toBe('manual');
    expect(info.legalEntities[0]).toMatchObject({ leUuid: DEMO_LEGAL_ENTITY.leUuid, apiKey: DEMO_LEGAL_ENTITY.apiKey });
    const state = (await (await fetch(`${info.url}/__sandbox/state`)).json()) as { timing: { processingMs: number } };
    expect(state.timing.processingMs).toBe(10);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses unknown options with exit code 2', async () => {
    const child = startCli(['--bogus']);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(err).toContain('Unknown option --bogus');
  });
});
