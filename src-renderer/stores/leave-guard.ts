// Unsaved edits are not lost silently: a screen with edits pending (Settings) sets a guard, and every
// in-app way of leaving it (the side nav, shortcuts, links, switching the legal entity, adding one)
// asks first. The question is the LeaveDialog; what the user wanted to do waits in `pending`.
import { create } from 'zustand';

export interface LeaveGuard {
  /** The screen with the edits, for the question: "Settings". */
  screen: string;
  /** Saves everything; true when all of it was saved (then the navigation goes on). */
  save(): Promise<boolean>;
  /** Drops the edits. */
  discard(): void;
}

interface LeaveGuardStore {
  guard: LeaveGuard | null;
  /** The navigation that waits for the answer. */
  pending: (() => void) | null;
}

export const useLeaveGuard = create<LeaveGuardStore>(() => ({ guard: null, pending: null }));

export function setLeaveGuard(guard: LeaveGuard | null): void {
  useLeaveGuard.setState({ guard });
}

/**
 * Runs `next` now when nothing unsaved is in the way (true); otherwise keeps it for the question and
 * answers false: the caller stops there.
 */
export function mayLeave(next: () => void): boolean {
  const { guard } = useLeaveGuard.getState();
  if (!guard) return true;
  useLeaveGuard.setState({ pending: next });
  return false;
}

/** The answers to the question. */
export function stay(): void {
  useLeaveGuard.setState({ pending: null });
}

export function discardAndLeave(): void {
  const { guard, pending } = useLeaveGuard.getState();
  guard?.discard();
  useLeaveGuard.setState({ guard: null, pending: null });
  pending?.();
}

export async function saveAndLeave(): Promise<boolean> {
  const { guard, pending } = useLeaveGuard.getState();
  if (!guard) return true;
  const ok = await guard.save();
  if (!ok) {
    // Stay: the form shows what was refused.
    useLeaveGuard.setState({ pending: null });
    return false;
  }
  useLeaveGuard.setState({ guard: null, pending: null });
  pending?.();
  return true;
}
