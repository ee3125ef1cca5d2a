// Lint rules, including the import boundaries of docs/architecture.md:
// each folder's block says what it must not import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Bare built-in names must be matched as exact paths: as patterns they would also match ./events.
const builtinNames = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'events', 'stream', 'zlib', 'worker_threads'];
const nodeBuiltins = ['node:*'];
const noBareBuiltins = builtinNames.map((name) => ({ name, message: 'No Node built-ins here.' }));

/**
 * @param {{ group: string[], message: string }[]} patterns
 * @param {{ name: string, message: string }[]} [paths]
 */
const forbid = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });

const rendererForbidden = [
  { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
  { group: ['electron', 'socket.io*', 'better-sqlite3', '**/electron/**', '**/server/**', '**/tests/**'], message: 'The renderer talks to the core only through window.chat (renderer/src/api).' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'test-results/', '.data/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid([
      { group: nodeBuiltins, message: 'shared/ is isomorphic: no Node built-ins.' },
      { group: ['electron', 'react', 'react-dom', 'socket.io*', 'better-sqlite3'], message: 'shared/ imports only shared/ and zod.' },
      { group: ['**/electron/**', '**/renderer/**', '**/server/**', '**/tests/**'], message: 'shared/ imports only shared/.' },
    ], noBareBuiltins),
  },
  {
    files: ['electron/core/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: forbid([
      { group: ['electron', 'electron/*'], message: 'electron/core runs in plain Node: no Electron imports.' },
      { group: ['**/main/**', '**/preload/**', '**/web-host/**', '**/renderer/**', '**/server/**', '**/tests/**'], message: 'core imports only shared/ and its own files.' },
    ]),
  },
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: forbid([
      { group: ['**/core/*/**', '!**/core/index'], message: 'main imports electron/core through its index only.' },
      { group: ['**/renderer/**', '**/server/src/*/**', '**/preload/**', '**/web-host/**', '**/tests/**'], message: 'Not from electron/main.' },
    ]),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid([
      { group: ['zod', '**/core/**', '**/main/**', '**/renderer/**', '**/server/**', '**/domain/**', '**/protocol/**'], message: 'The sandboxed preload bundles only shared/ipc/channels (and type-only contract imports).' },
    ]),
  },
  {
    files: ['electron/web-host/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: forbid([
      { group: ['**/core/*/**', '!**/core/index'], message: 'The web host uses electron/core through its index only.' },
      { group: ['electron', '**/main/**', '**/renderer/src/**', '**/server/**', '**/tests/**'], message: 'Not from the web host.' },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(rendererForbidden, noBareBuiltins),
    },
  },
  {
    files: ['renderer/src/components/**/*.{ts,tsx}'],
    rules: forbid([...rendererForbidden, { group: ['**/state/**', '**/api/**'], message: 'components/ are props-only.' }], noBareBuiltins),
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: forbid([{ group: ['electron', '**/electron/**', '**/renderer/**', '**/tests/**'], message: 'server/ imports only shared/ and its own files.' }]),
  },
  {
    files: ['tests/**/*.{ts,mjs}', 'bench/**/*.ts', 'electron/launch.mjs', 'build/**/*.{ts,cjs,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
