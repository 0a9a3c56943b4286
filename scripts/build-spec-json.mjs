#!/usr/bin/env node
// Writes every spec document (spec/tmdb-auth.yaml, spec/tmdb-auth-v4.yaml) to dist/spec/<name>.json with every $ref
// resolved, so the emulator in the installed package (`tmdb-auth-client/testing`) validates requests against the
// very specs the client was generated from, without shipping a YAML parser or the spec folder.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';

const require = createRequire(import.meta.url);
const redocly = require.resolve('@redocly/cli/bin/cli.js');
for (const document of readGeneratorConfig().documents) {
  const output = path.join(repoRoot, 'dist', 'spec', document.specJson);
  try {
    execFileSync(
      process.execPath,
      [redocly, 'bundle', document.inputSpec, '--dereferenced', '--ext', 'json', '--output', output],
      {
        stdio: 'pipe',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
  } catch (error) {
    // Redocly reports progress on stderr too; show it only when the bundle failed.
    process.stderr.write(error.stderr ?? '');
    process.exit(1);
  }
  // Redocly pretty-prints; the emulator only parses it, so ship it compact.
  writeFileSync(output, JSON.stringify(JSON.parse(readFileSync(output, 'utf8'))));
}
