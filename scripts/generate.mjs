#!/usr/bin/env node
// `npm run generate`: regenerates generated/ from every spec document (openapitools.json). Generates into a scratch
// folder first and swaps it in, so a file the spec no longer produces is deleted rather than left behind.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GENERATED_ROOT as output, readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { generateInto } from './lib/generate-into.mjs';

const { documents } = readGeneratorConfig();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-generated-'));
try {
  generateInto(scratch);
  rmSync(output, { recursive: true, force: true });
  cpSync(scratch, output, { recursive: true });
  console.log(
    `Regenerated ${path.relative(repoRoot, output)}/ from ${documents.map((d) => path.relative(repoRoot, d.inputSpec)).join(' and ')}.`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
