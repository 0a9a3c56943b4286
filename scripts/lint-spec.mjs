#!/usr/bin/env node
// `npm run lint:spec`: Redocly (recommended-strict, redocly.yaml) over every spec document in openapitools.json.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';

const require = createRequire(import.meta.url);
const redocly = require.resolve('@redocly/cli/bin/cli.js');
const specs = readGeneratorConfig().documents.map((document) => document.inputSpec);
const result = spawnSync(process.execPath, [redocly, 'lint', ...specs], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
process.exitCode = result.status ?? 1;
