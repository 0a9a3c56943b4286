#!/usr/bin/env node
// `npm run test:readme`: every ```ts and ```js block of README.md and docs/*.md, compiled against the packed tarball
// under nodenext, bundler, node10 and `tsc --init` settings, with the jest blocks run (see
// scripts/lib/readme-blocks.mjs). `npm test` runs the same check inside the consumer install test, sharing its pack
// and install.
//
//   node scripts/test-readme-blocks.mjs [--readme <file>]...   check other Markdown files instead (a broken copy)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installTarball, packTarball } from './lib/consumer-project.mjs';
import { checkReadmeBlocks } from './lib/readme-blocks.mjs';

const { values } = parseArgs({ options: { readme: { type: 'string', multiple: true } } });
const started = Date.now();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-readme-'));
const app = path.join(scratch, 'app');
let failed = false;
try {
  const tarball = await packTarball(scratch);
  mkdirSync(app);
  await installTarball(app, tarball);
  const { stdout } = await checkReadmeBlocks({
    app,
    ...(values.readme ? { markdownPaths: values.readme.map((file) => path.resolve(file)) } : {}),
  });
  console.log(`README blocks: ${stdout}`);
} catch (error) {
  failed = true;
  console.error(`README blocks: FAIL: ${error.message}`);
} finally {
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s including pack and install)`);
  if (failed) {
    console.log(`The consumer project is kept for inspection at ${app}`);
    process.exitCode = 1;
  } else {
    rmSync(scratch, { recursive: true, force: true });
  }
}
