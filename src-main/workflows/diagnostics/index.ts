// Help → Save diagnostics: one zip a consultant can send to support (see collect.ts for its parts).
import type { Writable } from 'node:stream';
import { collectDiagnostics, type DiagnosticsSources } from './collect';
import { writeZip } from './zip';

export { diagnosticsFileName, type AppFacts, type DiagnosticsSources } from './collect';
export { bundleScrubber } from './scrub';

export async function writeDiagnosticsBundle(sources: DiagnosticsSources, out: Writable): Promise<{ entries: number }> {
  const entries = await collectDiagnostics(sources);
  await writeZip(entries, out, sources.now());
  return { entries: entries.length };
}
