// The bundle's last line of defence. Its parts are built from data that holds no secret (settings,
// profiles, counts, redacted logs), but a support zip leaves the machine, so every text entry goes
// through the one redactor again, this time also knowing the stored API keys (every form of them,
// see src-main/redaction/forms.ts), whether or not this process has used them yet. A binary entry (a
// crash dump: memory) that holds any of their byte forms is left out.
import { redactorFor, secretByteForms } from '../../redaction';

export interface BundleScrubber {
  /** The text without the stored keys (in any form), bearer values, JWTs or key-like runs. */
  text(text: string): string;
  /** True when binary data holds a stored key in any byte form. */
  holdsSecret(data: Buffer): boolean;
}

export function bundleScrubber(keys: readonly string[]): BundleScrubber {
  const redact = redactorFor(keys);
  const bytes = keys.flatMap((k) => secretByteForms(k));
  return {
    text: redact,
    holdsSecret: (data) => bytes.some((b) => data.includes(b)),
  };
}
