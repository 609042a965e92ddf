// A Services double for host tests: every channel answers `unsupported` unless a test overrides it,
// and every call is recorded, so a test can assert what reached the services (parsed args only).
import { fail, ok, SERVICE_CHANNELS } from '../../../src-preload/contract';
import type { Services } from '../../../src-main/ipc/services';

export interface Recorded {
  channel: string;
  args: unknown;
}

export function fakeServices(overrides: Partial<Services> = {}): { services: Services; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const base: Record<string, unknown> = {};
  for (const channel of SERVICE_CHANNELS) {
    base[channel] = async (args: unknown) => {
      calls.push({ channel, args });
      return fail({ kind: 'unsupported', message: `fake: ${channel} not scripted` });
    };
  }
  const services = {
    ...base,
    registerFile: async (input: { path: string; fileName: string }) => {
      calls.push({ channel: 'registerFile', args: input });
      return ok({ fileRef: 'fr_0123456789abcdef0123', fileName: input.fileName, size: 0 });
    },
    // As the real one does (streamCsv): the sink is closed when the last row is written, and the
    // host closes it again before it renames or answers.
    writeCsv: async (_args: unknown, sink: { write(c: string): Promise<void>; close(): Promise<void> }) => {
      await sink.write('\ufeffa,b\r\n1,2\r\n');
      await sink.close();
      return ok({ rowCount: 1 });
    },
    exportFileName: () => 'echa-submissions.csv',
    ...overrides,
  } as Services;
  // Record overridden channels too.
  for (const [key, fn] of Object.entries(overrides)) {
    if (typeof fn !== 'function' || !(SERVICE_CHANNELS as readonly string[]).includes(key)) continue;
    (services as unknown as Record<string, unknown>)[key] = async (args: unknown, ctx: unknown) => {
      calls.push({ channel: key, args });
      return (fn as (a: unknown, c: unknown) => Promise<unknown>)(args, ctx);
    };
  }
  return { services, calls };
}
