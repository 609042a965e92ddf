// THE ONE REDACTOR. A leaf: every layer of src-main may import it, it imports nothing of the app.
//
//   registerSecret(secret)  remember a key or token this process handled (every form of it is redacted)
//   redact(text)            text without registered secrets, bearer values, JWTs, random-looking keys
//   redactorFor(keys)       the same, also without `keys` (not registered), fragments computed once
//   secretByteForms(key)    the byte sequences that show a key in binary data (crash dumps)
//
// Every stored server message, every error text and every log line goes through `redact`.
export { REDACTED } from './shapes';
export { registerSecret, forgetSecrets } from './registry';
export { redact, redactorFor, redactOptional, redactProblem, redactError } from './redact';
export { secretByteForms } from './forms';
export { findSecretField, safeFieldName, looksLikeSecret } from './secret-fields';
