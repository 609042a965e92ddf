// Lint is where the runtime boundaries are enforced: the renderer may not reach Node or Electron,
// main may not reach the DOM, and nothing imports across src-main <-> src-renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'http2', 'module', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const noRenderer = { group: ['**/src-renderer/**'], message: 'main never imports renderer code' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.ts', 'test/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
      'no-restricted-imports': ['error', { patterns: [noRenderer] }],
    },
  },
  // Layers inside src-main: the building blocks (ledger, settings, vault, echa, dossier) never reach up
  // into what composes them (workflows, the IPC layer, the hosts). The leaf modules redaction/ and
  // logging/ may be imported from every layer. A later block replaces the rule's options for its
  // files, so each repeats the renderer ban.
  ...['ledger', 'settings', 'vault', 'echa', 'dossier'].map((layer) => ({
    files: [`src-main/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only the Electron host (src-main/electron) imports Electron.' }],
        patterns: [
          noRenderer,
          {
            regex: '^(\\.\\./)+(workflows|ipc|web|electron|compose|main)(/|$)',
            message: 'A building block (ledger, settings, vault, echa, dossier) never imports workflows/, ipc/, web/, electron/ or the composition root; pass what it needs in.',
          },
          // Profiles and keys meet in the profile workflow (workflows/profile-keys.ts), not in the store.
          ...(layer === 'settings' ? [{ regex: '^(\\.\\./)+vault(/|$)', message: 'The settings store keeps no keys: the profile workflow coordinates profiles and the vault.' }] : []),
        ],
      }],
    },
  })),
  // The sandbox stands alone (it is also run as its own CLI): dossier/ for reading uploads, the shared
  // domain types, and the leaf modules.
  {
    files: ['src-main/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The sandbox runs without Electron.' }],
        patterns: [
          noRenderer,
          {
            regex: '^(\\.\\./)+(ledger|settings|vault|echa|workflows|ipc|web|electron|compose|main)(/|$)',
            message: 'The sandbox imports only dossier/, src-preload/domain and the leaf modules (redaction/, logging/).',
          },
          { regex: '(^|/)src-preload/(?!domain$)', message: 'The sandbox imports only dossier/, src-preload/domain and the leaf modules (redaction/, logging/).' },
        ],
      }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': ['error', 'process', 'require', '__dirname', '__filename', 'Buffer'],
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks to main only through window.api.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'No Node APIs in the renderer.' })),
        ],
        patterns: [
          { group: ['node:*'], message: 'No Node APIs in the renderer.' },
          { group: ['**/src-main/**', '../src-main/*'], message: 'The renderer never imports main-process code.' },
          { group: ['**/src-preload/preload*'], message: 'Only the contract is shared with the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['src-preload/contract.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The contract is shared by every host; keep it runtime-neutral.' }],
        patterns: [{ group: ['node:*', '**/src-main/**', '**/src-renderer/**'], message: 'The contract depends on nothing but zod.' }],
      }],
    },
  },
);
