// The redactor the hosts hand to the one logger. Until the one redactor (src-main/redaction/) lands,
// this chains the existing ones: bearer values and JWTs (echa/secrets) and long random-looking runs
// that could be an API key (settings/secrets-guard). Swap the body for the shared module's export.
import { redactTokens } from '../echa/secrets';
import { redactSecrets } from '../settings/secrets-guard';

export function redactForLog(text: string): string {
  return redactSecrets(redactTokens(text));
}
