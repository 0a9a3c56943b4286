// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['generated/**', 'dist/**', 'coverage/**', 'node_modules/**', '.openapi-generator-jar/**', '.oasdiff/**'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CommonJS files exist to test require(); require() is what they are for.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only the adapter may import the generated client, so a regeneration can only break one file (as the
    // OpenAI SDK keeps its customisations out of generated code).
    files: ['src/**/*.ts'],
    ignores: ['src/generated-adapter.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/generated', '**/generated/**'],
              message: 'Only src/generated-adapter.ts talks to generated/.',
            },
          ],
        },
      ],
    },
  },
);
