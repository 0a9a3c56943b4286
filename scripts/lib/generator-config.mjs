// Reads openapitools.json: the one place that pins the generator version, where its JAR is kept, and the list of
// spec documents with the options the typescript-axios generator runs with. Every script that generates, checks,
// lints, bundles or mutates the spec goes through this list, so a document added there is covered everywhere.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder every document generates into (one sub-folder each, or the folder itself). */
export const GENERATED_ROOT = path.join(repoRoot, 'generated');

/**
 * The generator settings and every spec document, in openapitools.json's order (v3 first). Each document has
 * `name` (its generator key), `inputSpec`, `output` (inside `generated/`) and `outputRelative` (below it, '' for
 * the root), and `specJson` (its bundled file name in dist/spec/).
 */
export function readGeneratorConfig() {
  const file = path.join(repoRoot, 'openapitools.json');
  const cli = JSON.parse(readFileSync(file, 'utf8'))['generator-cli'];
  const entries = Object.entries(cli?.generators ?? {});
  if (!cli?.version || !cli?.storageDir || entries.length === 0) {
    throw new Error(`${file} must set generator-cli.version, .storageDir and at least one of .generators`);
  }
  const resolve = (value) => path.resolve(repoRoot, value.replace('#{cwd}', repoRoot));
  const [, first] = entries[0];
  const documents = entries.map(([name, generator]) => {
    // One generator, one set of options: two documents generated differently would be two client styles.
    if (
      generator.generatorName !== first.generatorName ||
      JSON.stringify(generator.additionalProperties ?? {}) !== JSON.stringify(first.additionalProperties ?? {})
    ) {
      throw new Error(
        `${file}: generator ${name} must use the same generatorName and additionalProperties as the first`,
      );
    }
    const output = resolve(generator.output);
    const outputRelative = path.relative(GENERATED_ROOT, output);
    if (outputRelative.startsWith('..') || path.isAbsolute(outputRelative)) {
      throw new Error(`${file}: generator ${name} must write inside generated/, not ${generator.output}`);
    }
    const inputSpec = resolve(generator.inputSpec);
    return {
      name,
      inputSpec,
      output,
      outputRelative,
      specJson: `${path.basename(inputSpec).replace(/\.ya?ml$/, '')}.json`,
    };
  });
  return {
    version: cli.version,
    jarPath: path.join(resolve(cli.storageDir), `${cli.version}.jar`),
    generatorName: first.generatorName,
    additionalProperties: first.additionalProperties ?? {},
    documents,
  };
}
