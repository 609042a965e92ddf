// The redactor the hosts hand to the one logger: the one redactor (src-main/redaction/), so a key the
// app has read is redacted from log lines in every form, as are bearer values, JWTs and key-like runs.
import { redact } from '../redaction';

export function redactForLog(text: string): string {
  return redact(text);
}
