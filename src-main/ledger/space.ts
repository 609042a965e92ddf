// A space's identity in columns, and back. The LE UUID is normalised (upper-case prefix, lower-case
// UUID) because ECHA treats it case-insensitively and two spellings must not split one history.
import { LeUuidSchema, ModeSchema } from '../../src-preload/domain';
import type { Mode, ModeKind } from '../../src-preload/domain';
import { LedgerError } from './errors';
import type { Space } from './types';

export interface SpaceColumns {
  le: string;
  modeKind: ModeKind;
  /** '' when the mode has no test run. */
  testRun: string;
}

export function normalizeLe(le: string): string {
  const parsed = LeUuidSchema.safeParse(le);
  if (!parsed.success) throw new LedgerError('invalid-input', 'A legal-entity UUID looks like ECHA-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.');
  return 'ECHA-' + parsed.data.slice(5).toLowerCase();
}

export function spaceColumns(space: Space): SpaceColumns {
  const mode = ModeSchema.safeParse(space.mode);
  if (!mode.success) throw new LedgerError('invalid-input', 'The mode must be production, connectivity, or integration with a valid test run id.');
  return {
    le: normalizeLe(space.le),
    modeKind: mode.data.kind,
    testRun: mode.data.kind === 'integration' ? mode.data.testRun : '',
  };
}

export function spaceFromColumns(le: string, modeKind: string, testRun: string): Space {
  let mode: Mode;
  if (modeKind === 'integration') mode = { kind: 'integration', testRun };
  else if (modeKind === 'production' || modeKind === 'connectivity') mode = { kind: modeKind };
  // The CHECK constraint makes this unreachable; failing loudly beats inventing a mode.
  else throw new LedgerError('invalid-input', `Unknown mode '${modeKind}' in the ledger.`);
  return { le, mode };
}
