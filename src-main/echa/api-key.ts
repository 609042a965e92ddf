// How the API key becomes the HMAC secret (spec 3.2.1 "Base64URL encoded, used as shared secret";
// spec README decision: decoded bytes by default, the literal string as a per-profile alternative).
// Messages here say what is wrong with the key without ever quoting it.
import type { KeyReading } from '../../src-preload/domain';
import { fail, ok, ruleProblem, type EchaResult } from './result';

const BASE64URL_BODY = /^[A-Za-z0-9_-]*$/;

export function hmacKeyFromApiKey(apiKey: string, reading: KeyReading): EchaResult<Uint8Array> {
  if (typeof apiKey !== 'string' || apiKey.length === 0) {
    return fail(ruleProblem('No API key is stored for this profile: paste the key from ECHA Accounts.'));
  }
  if (reading === 'literal') return ok(new Uint8Array(Buffer.from(apiKey, 'utf8')));
  if (reading !== 'base64url-decoded') return fail(ruleProblem('Unknown key reading.'));

  // Surrounding whitespace cannot be part of Base64URL: it is a copy-paste artefact.
  const text = apiKey.trim();
  const padStart = text.indexOf('=');
  const body = padStart === -1 ? text : text.slice(0, padStart);
  const padding = padStart === -1 ? '' : text.slice(padStart);

  if (!BASE64URL_BODY.test(body)) {
    const position = [...body].findIndex((ch) => !/[A-Za-z0-9_-]/.test(ch)) + 1;
    const standard = /[+/]/.test(body) ? ' It looks like standard Base64 ("+" or "/"), not Base64URL.' : '';
    return fail(
      ruleProblem(
        `The API key is not valid Base64URL: character ${position} is not allowed.${standard} ` +
          'Re-paste the key exactly as ECHA Accounts showed it, or switch the key reading to "literal".',
      ),
    );
  }
  if (!/^={0,2}$/.test(padding) || (padding !== '' && text.length % 4 !== 0) || body.length % 4 === 1) {
    return fail(
      ruleProblem('The API key is not valid Base64URL: its length or "=" padding is wrong. Re-paste the key exactly as ECHA Accounts showed it.'),
    );
  }
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length === 0) return fail(ruleProblem('The API key is empty once decoded: paste the key from ECHA Accounts.'));
  return ok(new Uint8Array(bytes));
}

export function otherKeyReading(reading: KeyReading): KeyReading {
  return reading === 'literal' ? 'base64url-decoded' : 'literal';
}
