// Reads openapitools.json: the one place that pins the generator version, where its JAR is kept,
// and the options the typescript-axios generator runs with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const GENERATOR_KEY = 'tmdb-auth';

export function readGeneratorConfig() {
  const file = path.join(repoRoot, 'openapitools.json');
  const cli = JSON.parse(readFileSync(file, 'utf8'))['generator-cli'];
  const generator = cli?.generators?.[GENERATOR_KEY];
  if (!cli?.version || !cli?.storageDir || !generator) {
    throw new Error(`${file} must set generator-cli.version, .storageDir and .generators.${GENERATOR_KEY}`);
  }
  const resolve = (value) => path.resolve(repoRoot, value.replace('#{cwd}', repoRoot));
  return {
    version: cli.version,
    jarPath: path.join(resolve(cli.storageDir), `${cli.version}.jar`),
    generatorName: generator.generatorName,
    inputSpec: resolve(generator.inputSpec),
    output: resolve(generator.output),
    additionalProperties: generator.additionalProperties ?? {},
  };
}
