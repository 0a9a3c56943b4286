// Runs the pinned typescript-axios generator over spec/ into a folder of the caller's choice. Both
// `npm run generate` and the drift check go through here, so they cannot disagree on options.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureGeneratorJar } from '../ensure-generator-jar.mjs';
import { readGeneratorConfig } from './generator-config.mjs';
import { postProcessGenerated } from './post-process-generated.mjs';
import { run } from './run.mjs';

const IGNORE_FILE = '.openapi-generator-ignore';

export function generateInto(outputDir) {
  const config = readGeneratorConfig();
  const jar = ensureGeneratorJar();
  mkdirSync(outputDir, { recursive: true });
  // The generator reads the ignore file from the output folder; a scratch output needs the committed one.
  const ignoreFile = path.join(config.output, IGNORE_FILE);
  if (existsSync(ignoreFile) && path.resolve(outputDir) !== config.output) {
    cpSync(ignoreFile, path.join(outputDir, IGNORE_FILE));
  }
  const properties = Object.entries(config.additionalProperties)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const result = run(
    'java',
    [
      '-jar',
      jar,
      'generate',
      `--input-spec=${config.inputSpec}`,
      `--generator-name=${config.generatorName}`,
      `--output=${outputDir}`,
      `--additional-properties=${properties}`,
    ],
    { quiet: true },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`openapi-generator failed (exit ${result.status}); its output is above.`);
  }
  postProcessGenerated(outputDir);
}
