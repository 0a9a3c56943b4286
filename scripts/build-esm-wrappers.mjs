#!/usr/bin/env node
// Writes thin ES module entry points over the CommonJS build, so `import` and `require` load one and the same
// copy of the package: no dual-package hazard (two TmdbError classes, two caches), one compile. Which wrapper wraps
// which module is read from package.json's `exports` (the node condition's `import` and `require`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './lib/generator-config.mjs';

const require = createRequire(import.meta.url);
const { exports } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

for (const { node } of Object.values(exports)) {
  if (!node?.import || !node.require) continue;
  const wrapper = path.join(repoRoot, node.import.default);
  const target = path.join(repoRoot, node.require.default);
  const names = Object.keys(require(target)).filter((key) => key !== 'default' && key !== '__esModule');
  const specifier = path.relative(path.dirname(wrapper), target);
  const js =
    `import cjs from '${specifier}';\n\n` + `export const {\n${names.map((key) => `  ${key},`).join('\n')}\n} = cjs;\n`;
  mkdirSync(path.dirname(wrapper), { recursive: true });
  writeFileSync(wrapper, js);
  writeFileSync(path.join(repoRoot, node.import.types), `export * from '${specifier}';\n`);
}
