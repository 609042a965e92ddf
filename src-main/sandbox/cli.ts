// npx tsx src-main/sandbox/cli.ts [--port N] [--seed N] [--manual-clock] [--no-control] [--json]
//   [--processing-ms N] [--report-not-found-ms N] [--dispatch-ms N] [--download-ms N]
import { pathToFileURL } from 'node:url';
import { parseArgs as parseCliArgs } from 'node:util';
import { DEFAULT_LEGAL_ENTITIES, startSandbox, type SandboxOptions, type SandboxTiming } from './index';

const USAGE = `Usage: npx tsx src-main/sandbox/cli.ts [options]
  --port N                 listen on 127.0.0.1:N (default: a free port)
  --seed N                 PRNG seed for reproducible numbers, countries and faults
  --manual-clock           time moves only via POST /__sandbox/clock {"advanceMs": N}
  --no-control             do not expose the /__sandbox control API
  --processing-ms N        SUBMITTED -> PASSED/FAILED delay
  --report-not-found-ms N  how long a new submission's report answers 404
  --dispatch-ms N          outcome -> DISPATCHED delay (PCN, production)
  --download-ms N          DISPATCHED -> each DOWNLOADED step
  --json                   print one JSON line with the addresses and demo credentials`;

const TIMING_FLAGS = {
  'processing-ms': 'processingMs',
  'report-not-found-ms': 'reportNotFoundMs',
  'dispatch-ms': 'dispatchMs',
  'download-ms': 'downloadMs',
} as const satisfies Record<string, keyof SandboxTiming>;
const NUMBER_FLAGS = ['port', 'seed', ...Object.keys(TIMING_FLAGS)] as const;

export type CliArgs = { options: SandboxOptions; json: boolean } | { error: string } | { help: true };

/** node:util's parser (as the web host's CLI), with the sandbox's own words for what it refuses. */
export function parseArgs(argv: readonly string[]): CliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseCliArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        'manual-clock': { type: 'boolean' },
        'no-control': { type: 'boolean' },
        json: { type: 'boolean' },
        ...Object.fromEntries(NUMBER_FLAGS.map((f) => [f, { type: 'string' as const }])),
      },
    }));
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const named = /'(-[^' ]+)/.exec(String((err as Error).message))?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const numeric = NUMBER_FLAGS.some((f) => named === `--${f}`);
      return { error: numeric ? `${named} needs a non-negative integer` : `${named} takes no value` };
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return { error: `Unexpected argument ${/'([^']*)'/.exec(String((err as Error).message))?.[1] ?? ''}` };
    return { error: `Unknown option ${named || String((err as Error).message)}` };
  }
  if (values.help) return { help: true };
  const options: SandboxOptions = {};
  const timing: Partial<SandboxTiming> = {};
  if (values['manual-clock']) options.clock = 'manual';
  if (values['no-control']) options.control = false;
  for (const flag of NUMBER_FLAGS) {
    const v = values[flag];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !/^[0-9]{1,15}$/.test(v)) return { error: `--${flag} needs a non-negative integer` };
    const n = Number(v);
    if (flag === 'port') options.port = n;
    else if (flag === 'seed') options.seed = n;
    else timing[TIMING_FLAGS[flag as keyof typeof TIMING_FLAGS]] = n;
  }
  if (Object.keys(timing).length > 0) options.timing = timing;
  return { options, json: values.json === true };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args) {
    console.log(USAGE);
    return;
  }
  if ('error' in args) {
    console.error(`${args.error}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const sandbox = await startSandbox(args.options);
  const les = DEFAULT_LEGAL_ENTITIES.map(({ name, leUuid, username, apiKey, keyReading }) => ({ name, leUuid, username, apiKey, keyReading }));
  if (args.json) {
    console.log(JSON.stringify({ url: sandbox.url, apiBase: sandbox.apiBase, seed: sandbox.prngSeed, clock: sandbox.clock.kind, legalEntities: les }));
  } else {
    const lines = [
      `ECHA S2S sandbox listening on ${sandbox.url}`,
      `  API base (v3): ${sandbox.apiBase}/v3   (v2: ${sandbox.apiBase}/v2, v1: ${sandbox.apiBase})`,
      `  Seed: ${sandbox.prngSeed}   Clock: ${sandbox.clock.kind}${args.options.control === false ? '' : `   Control API: ${sandbox.url}/__sandbox/state`}`,
      '',
      'Demo credentials (public, they open this local sandbox only):',
    ];
    for (const le of les) {
      lines.push(`  ${le.name}`, `    LE UUID:  ${le.leUuid}`, `    Username: ${le.username}`, `    API key:  ${le.apiKey}`, `    Key read as: ${le.keyReading}`);
    }
    lines.push('', 'Stop with Ctrl+C.');
    console.log(lines.join('\n'));
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => {
        if (!args.json) console.log(`Sandbox stopped (${signal}).`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error('Sandbox did not stop cleanly:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run only as a program, not when a test imports parseArgs.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
