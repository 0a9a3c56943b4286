#!/usr/bin/env node
// `npm run check:generated`: the drift check. Regenerates every spec document into a scratch folder and fails,
// naming every file, when generated/ (v4 in generated/v4/) differs from what the specs and openapitools.json
// produce: changed, added or deleted files.
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GENERATED_ROOT as output, repoRoot } from './lib/generator-config.mjs';
import { generateInto } from './lib/generate-into.mjs';

function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

const committedName = path.relative(repoRoot, output);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-generated-check-'));
try {
  generateInto(scratch);
  const expected = new Set(listFiles(scratch));
  const actual = new Set(listFiles(output));
  const problems = [];
  for (const file of expected) {
    if (!actual.has(file))
      problems.push(`missing:  ${committedName}/${file} (the generator writes it; it is not committed)`);
    else if (!readFileSync(path.join(scratch, file)).equals(readFileSync(path.join(output, file)))) {
      problems.push(`changed:  ${committedName}/${file}`);
    }
  }
  for (const file of actual) {
    if (!expected.has(file)) problems.push(`extra:    ${committedName}/${file} (the generator does not write it)`);
  }
  if (problems.length > 0) {
    console.error(`${committedName}/ does not match what the spec generates:\n  ${problems.sort().join('\n  ')}`);
    console.error(
      `\nDo not edit ${committedName}/ by hand: change spec/ or openapitools.json and run \`npm run generate\`.`,
    );
    process.exit(1);
  }
  console.log(`${committedName}/ matches the spec (${expected.size} files).`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
