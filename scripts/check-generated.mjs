#!/usr/bin/env node
// `npm run check:generated`: the drift check. Regenerates every spec document into a scratch folder and fails,
// naming every file, when generated/ (v4 in generated/v4/) differs from what the specs and openapitools.json
// produce: changed, added or deleted files (as `git diff --no-index` lists them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GENERATED_ROOT as output, repoRoot } from './lib/generator-config.mjs';
import { generateInto } from './lib/generate-into.mjs';

const committedName = path.relative(repoRoot, output);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-generated-check-'));
try {
  generateInto(scratch);
  const args = ['diff', '--no-index', '--no-renames', '--name-status', scratch, output];
  const diff = spawnSync('git', args, { encoding: 'utf8' });
  if (diff.status > 1) throw new Error(`git diff failed: ${diff.stderr}`);
  const named = (file) => path.join(committedName, path.relative(file.startsWith(scratch) ? scratch : output, file));
  const what = { M: 'changed: ', D: 'missing: ', A: 'extra:   ' };
  const why = { M: '', D: ' (the generator writes it; it is not committed)', A: ' (the generator does not write it)' };
  const problems = diff.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .map(([status, file]) => `${what[status] ?? status} ${named(file)}${why[status] ?? ''}`);
  if (problems.length > 0) {
    console.error(`${committedName}/ does not match what the spec generates:\n  ${problems.sort().join('\n  ')}`);
    console.error(
      `\nDo not edit ${committedName}/ by hand: change spec/ or openapitools.json and run \`npm run generate\`.`,
    );
    process.exit(1);
  }
  const count = readdirSync(scratch, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  console.log(`${committedName}/ matches the spec (${count} files).`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
