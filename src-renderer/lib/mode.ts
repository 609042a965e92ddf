// How a mode is named and coloured everywhere. Production is always spelled in capitals and drawn in
// red so that it cannot be mistaken for a test at a glance.
import { MODE_LABELS, type Mode } from '../../src-preload/contract';

export function modeLabel(mode: Mode): string {
  return mode.kind === 'integration' ? `${MODE_LABELS.integration} · ${mode.testRun}` : MODE_LABELS[mode.kind];
}

/** Short form for dense places (table cells). */
export function modeShortLabel(mode: Mode): string {
  switch (mode.kind) {
    case 'production':
      return 'PRODUCTION';
    case 'connectivity':
      return 'Connectivity';
    case 'integration':
      return `Integration ${mode.testRun}`;
  }
}

export function sameMode(a: Mode, b: Mode): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'integration' || (b.kind === 'integration' && a.testRun === b.testRun);
}

/** One sentence saying what a submission in this mode does, for the submit screen. */
export function modeConsequence(mode: Mode): string {
  switch (mode.kind) {
    case 'production':
      return 'Submissions are real, legally binding notifications to ECHA in the name of this legal entity.';
    case 'connectivity':
      return 'Connectivity test: ECHA answers with dummy responses and processes nothing.';
    case 'integration':
      return `Integration test run ${mode.testRun}: ECHA processes the dossiers in an isolated test run; nothing is published.`;
  }
}
