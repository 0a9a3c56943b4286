// Runs the pinned typescript-axios generator over every spec document into a fresh scratch folder, each document
// into its own place below it (v3 at the root, v4 in v4/), as in generated/. Both `npm run generate` and the drift
// check go through here, so they cannot disagree on options.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureGeneratorJar } from '../ensure-generator-jar.mjs';
import { readGeneratorConfig } from './generator-config.mjs';
import { postProcessGenerated } from './post-process-generated.mjs';
import { run } from './run.mjs';

const IGNORE_FILE = '.openapi-generator-ignore';

/** Generates into a scratch folder, hands it to `use`, and removes it afterwards. */
export function withGenerated(use) {
  const rootDir = mkdtempSync(path.join(os.tmpdir(), 'tmdb-generated-'));
  try {
    generateInto(rootDir);
    return use(rootDir);
  } finally {
    rmSync(rootDir, { recursive: true, force: true });
  }
}

function generateInto(rootDir) {
  const config = readGeneratorConfig();
  const jar = ensureGeneratorJar();
  const properties = Object.entries(config.additionalProperties)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  for (const document of config.documents) {
    const outputDir = path.join(rootDir, document.outputRelative);
    mkdirSync(outputDir, { recursive: true });
    // The generator reads the ignore file from the output folder; a scratch output needs the committed one.
    const ignoreFile = path.join(document.output, IGNORE_FILE);
    if (existsSync(ignoreFile)) cpSync(ignoreFile, path.join(outputDir, IGNORE_FILE));
    const result = run(
      'java',
      [
        '-jar',
        jar,
        'generate',
        `--input-spec=${document.inputSpec}`,
        `--generator-name=${config.generatorName}`,
        `--output=${outputDir}`,
        `--additional-properties=${properties}`,
      ],
      { quiet: true },
    );
    if (result.status !== 0) {
      process.stderr.write(result.stdout + result.stderr);
      throw new Error(`openapi-generator failed on ${document.name} (exit ${result.status}); its output is above.`);
    }
  }
  postProcessGenerated(rootDir);
}
