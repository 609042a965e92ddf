// THE ONE REDACTOR. A leaf: every layer of src-main may import it, it imports nothing of the app.
//
//   registerSecret(secret)  remember a key or token this process handled (every form of it is redacted)
//   redact(text)            text without registered secrets, bearer values, JWTs, random-looking keys
//
// Every stored server message, every error text and every log line goes through `redact`.
export { REDACTED } from './shapes';
export { registerSecret, forgetSecrets } from './registry';
export { redact, redactOptional, redactProblem, redactError } from './redact';
export { findSecretField, safeFieldName, looksLikeSecret } from './secret-fields';
