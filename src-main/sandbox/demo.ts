// The sandbox's own public demo credentials. They open nothing but this local simulator, so they are
// printed by the CLI and documented in the README on purpose; they are not ECHA credentials.
import type { SandboxLegalEntity } from './types';

export const DEMO_LEGAL_ENTITY: SandboxLegalEntity = Object.freeze({
  name: 'Demo Chemicals Oy (sandbox)',
  leUuid: 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e',
  username: 'demo-s2s-user',
  // base64url of "sandbox-demo-key-not-secret-for-testing-only" (44 bytes): the HMAC secret is the decoded bytes.
  apiKey: 'c2FuZGJveC1kZW1vLWtleS1ub3Qtc2VjcmV0LWZvci10ZXN0aW5nLW9ubHk',
  keyReading: 'base64url-decoded',
});

/**
 * A second LE whose key is read as the literal string, so a client's fallback between the two key
 * readings (spec README, "The API key as HMAC secret") can be exercised.
 */
export const DEMO_LITERAL_KEY_LEGAL_ENTITY: SandboxLegalEntity = Object.freeze({
  name: 'Literal Key Industries GmbH (sandbox)',
  leUuid: 'ECHA-0b7e5c2a-3d4f-4e1a-8b9c-7d6e5f4a3b2c',
  username: 'literal-s2s-user',
  apiKey: 'bGl0ZXJhbC1rZXktc2FuZGJveC1kZW1vLW5vdC1zZWNyZXQ',
  keyReading: 'literal',
});

export const DEFAULT_LEGAL_ENTITIES: readonly SandboxLegalEntity[] = [DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY];

/**
 * SCIP numbers every space accepts for submit-by-reference: the ones the spec's SBR samples submit
 * successfully. Its sample of a FAILED number (38843e3e-60ce-458a-bf7b-3289fb272402) is deliberately absent.
 */
export const DEMO_SCIP_NUMBERS: readonly string[] = [
  '6e89878c-eb2e-476a-a4ae-06c96b1488cf',
  'ff89396f-3974-4888-8791-bef8bad67698',
  '22499eb4-25e7-401b-9b30-06befa11052c',
];
