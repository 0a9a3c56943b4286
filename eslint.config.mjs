// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ONLY_THE_ADAPTER_IMPORTS_GENERATED = {
  group: ['**/generated', '**/generated/**'],
  message: 'Only src/internal/generated-adapter.ts talks to generated/.',
};

export default tseslint.config(
  {
    ignores: ['generated/**', 'dist/**', 'coverage/**', 'node_modules/**', '.openapi-generator-jar/**', '.oasdiff/**'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // A leading underscore marks a parameter a signature needs and the body does not (the operation table).
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // README preludes declare what a README fragment uses; they are never used where they are declared.
    files: ['test/fixtures/readme-preludes/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    // CommonJS files exist to test require(); require() is what they are for.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only the adapter may import the generated client, so a regeneration can only break one file (as the
    // OpenAI SDK keeps its customisations out of generated code). The main entry (src/*.ts and src/internal/)
    // never reaches into the emulator or the command line, which are Node-only and load more packages.
    files: ['src/*.ts', 'src/internal/**/*.ts'],
    ignores: ['src/internal/generated-adapter.ts'],
    rules: restrictImports(ONLY_THE_ADAPTER_IMPORTS_GENERATED, {
      group: ['**/testing', '**/testing/**', '**/cli/**'],
      message: 'The main entry must not load the emulator or the CLI.',
    }),
  },
  {
    files: ['src/testing/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrictImports(ONLY_THE_ADAPTER_IMPORTS_GENERATED),
  },
);

function restrictImports(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}
