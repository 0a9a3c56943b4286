#!/usr/bin/env node
// `npm run generate`: regenerates generated/ from every spec document (openapitools.json). Generates into a scratch
// folder first and swaps it in, so a file the spec no longer produces is deleted rather than left behind.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_ROOT as output, readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { withGenerated } from './lib/generate-into.mjs';

const { documents } = readGeneratorConfig();
withGenerated((scratch) => {
  rmSync(output, { recursive: true, force: true });
  cpSync(scratch, output, { recursive: true });
});
console.log(
  `Regenerated ${path.relative(repoRoot, output)}/ from ${documents.map((d) => path.relative(repoRoot, d.inputSpec)).join(' and ')}.`,
);
