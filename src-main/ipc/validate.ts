// The first thing main does with anything the renderer sends: is it a known channel, and does the
// argument match the channel's schema? Everything after this sees parsed, typed values only.
import type { z } from 'zod';
import { calls, InvalidArgumentsError, type ArgsOut, type Channel, type FieldIssue } from '../../src-preload/contract';

const channelSet: ReadonlySet<string> = new Set(Object.keys(calls));

export function isChannel(name: unknown): name is Channel {
  // Own keys only: "constructor" or "__proto__" must not count as channels.
  return typeof name === 'string' && channelSet.has(name);
}

export class UnknownChannelError extends Error {
  override readonly name = 'UnknownChannelError';
  constructor(readonly channel: string) {
    super(`Unknown call "${channel.slice(0, 80)}"`);
  }
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.map((p) => String(p)),
    // zod messages can quote the input (e.g. unrecognized keys); bound them so a hostile argument
    // cannot blow up an error message or a log line.
    message: i.message.slice(0, 200),
  }));
}

/** Parse `raw` with the channel's schema; throws InvalidArgumentsError on mismatch. */
export function parseArgs<K extends Channel>(channel: K, raw: unknown): ArgsOut<K> {
  const schema = calls[channel].args as z.ZodType;
  const parsed = schema.safeParse(raw === undefined ? {} : raw);
  if (!parsed.success) throw new InvalidArgumentsError(channel, toFieldIssues(parsed.error));
  return parsed.data as ArgsOut<K>;
}
