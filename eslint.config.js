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
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-renderer/**'], message: 'main never imports renderer code' }] }],
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
