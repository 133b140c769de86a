// ESLint (flat config): @eslint/js and typescript-eslint recommended, without type information — the type-aware
// presets took several times as long (docs/testing.md, "Lint and format"). Layout is Prettier's (.prettierrc.json).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/dist/', 'data/', 'demo-output/', 'gallery-output/', 'run/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // A leading underscore marks a binding left unused on purpose; a rest sibling drops a field from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Code points written as \u{...} escapes are listed one by one on purpose (usernames.ts: combining small capitals).
      'no-misleading-character-class': ['error', { allowEscape: true }],
    },
  },
  { files: ['client/src/**'], languageOptions: { globals: globals.browser } },
  {
    // JSON replies enter untyped in tests: a test names the reply type it expects or reads it loosely, and what a
    // reply holds is what the test asserts. autocannon's request hooks have no published types.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
