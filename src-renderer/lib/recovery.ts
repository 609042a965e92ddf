// The window was loaded again by the desktop app after its page crashed or hung (main adds
// `?recovered=<reason>`, see src-main/electron/crash-recovery.ts): what to tell the user.
const WHAT: Record<string, string> = {
  crashed: 'The window stopped unexpectedly and was loaded again.',
  oom: 'The window ran out of memory and was loaded again.',
  killed: 'The window was ended by the system and was loaded again.',
  unresponsive: 'The window stopped responding and was loaded again.',
};

/** The notice for a `location.search`, or null when the page was not recovered. */
export function recoveryNotice(search: string): string | null {
  const reason = new URLSearchParams(search).get('recovered');
  if (reason === null) return null;
  return WHAT[reason] ?? WHAT.crashed!;
}
