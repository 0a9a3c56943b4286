#!/usr/bin/env node
// Writes thin ES module entry points over the CommonJS build, so `import` and `require` load one and the same
// copy of the package: no dual-package hazard (two TmdbError classes, two caches), one compile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './lib/generator-config.mjs';

/** Entry name -> the CommonJS module it wraps, relative to dist/. */
const ENTRIES = {
  index: 'src/index.js',
  generated: 'generated/index.js',
  'generated-v4': 'generated/v4/index.js',
  testing: 'src/testing/index.js',
  redis: 'src/redis/index.js',
};

const require = createRequire(import.meta.url);
const dist = path.join(repoRoot, 'dist');
const esmDir = path.join(dist, 'esm');
mkdirSync(esmDir, { recursive: true });

for (const [name, target] of Object.entries(ENTRIES)) {
  const names = Object.keys(require(path.join(dist, target))).filter(
    (key) => key !== 'default' && key !== '__esModule',
  );
  const specifier = `../${target}`;
  const js =
    `import cjs from '${specifier}';\n\n` + `export const {\n${names.map((key) => `  ${key},`).join('\n')}\n} = cjs;\n`;
  writeFileSync(path.join(esmDir, `${name}.mjs`), js);
  writeFileSync(path.join(esmDir, `${name}.d.mts`), `export * from '${specifier}';\n`);
}
