#!/usr/bin/env node
// `npm run test:mutations`: proves the contract suite catches spec drift. In a scratch copy of the repository it
// applies each mutation in scripts/lib/spec-mutations.mjs to its spec document, regenerates the clients, runs the contract
// suite, and expects it to fail. Prints mutation -> caught/missed; exits non-zero when any is missed, or when the
// unmutated suite does not pass in the copy (then "caught" would mean nothing).
// Takes about 1.5 minutes on two cores: about 10 s per mutation (the generator, then jest).
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse, stringify } from 'yaml';
import { GENERATED_ROOT, readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { answerFieldRenames, SPEC_MUTATIONS } from './lib/spec-mutations.mjs';

// Shared, not copied: they are large and the run never writes to them.
const LINKED = ['node_modules', '.openapi-generator-jar'];
const SKIPPED = new Set([...LINKED, '.git', 'dist', 'coverage']);
// `node scripts/test-mutations.mjs <text>` runs only the mutations whose name contains <text>, listing every
// failing test (for working on one mutation); with no argument, all run and three failures each are shown.
const only = process.argv[2];
const SHOWN_FAILURES = only ? Infinity : 3;

const config = readGeneratorConfig();
const allMutations = [
  ...SPEC_MUTATIONS,
  ...config.documents.flatMap((document) =>
    answerFieldRenames(parse(readFileSync(document.inputSpec, 'utf8')), document.name),
  ),
];
const mutations = only ? allMutations.filter((mutation) => mutation.name.includes(only)) : allMutations;
const generatedRelative = path.relative(repoRoot, GENERATED_ROOT);
// Each mutation names the document it changes (`document`, a generator key of openapitools.json; v3 by default).
const documents = new Map(config.documents.map((document) => [document.name, document]));
const documentOf = (mutation) => {
  const document = documents.get(mutation.document ?? config.documents[0].name);
  if (!document) throw new Error(`mutation "${mutation.name}" names no document of openapitools.json`);
  return document;
};

const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-mutations-'));
let exitCode = 0;
try {
  cpSync(repoRoot, scratch, {
    recursive: true,
    filter: (source) => !SKIPPED.has(path.relative(repoRoot, source).split(path.sep)[0]),
  });
  for (const name of LINKED) {
    if (existsSync(path.join(repoRoot, name))) symlinkSync(path.join(repoRoot, name), path.join(scratch, name));
  }
  const pristineSpecs = new Map(
    config.documents.map((document) => [document, readFileSync(document.inputSpec, 'utf8')]),
  );

  const baseline = runContractSuite();
  if (!baseline.passed) {
    console.error(
      `The unmutated contract suite fails in the scratch copy, so no mutation result means anything:\n${baseline.summary}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`baseline: the unmutated contract suite passes (${baseline.summary}, ${baseline.seconds} s)\n`);
    const rows = [];
    for (const mutation of mutations) {
      const started = Date.now();
      restore(pristineSpecs);
      const document = documentOf(mutation);
      const spec = parse(pristineSpecs.get(document));
      mutation.apply(spec);
      writeFileSync(path.join(scratch, path.relative(repoRoot, document.inputSpec)), stringify(spec, { lineWidth: 0 }));
      const generate = spawnSync(process.execPath, ['scripts/generate.mjs'], { cwd: scratch, encoding: 'utf8' });
      if (generate.status !== 0) {
        rows.push({
          mutation,
          caught: false,
          detail: `the generator failed: ${lastLine(generate.stderr)}`,
          seconds: since(started),
        });
        continue;
      }
      const result = runContractSuite();
      rows.push({
        mutation,
        caught: !result.passed,
        detail: result.passed ? 'suite passed' : result.summary,
        seconds: since(started),
        failures: result.failures,
      });
    }
    printTable(rows);
    if (rows.some((row) => !row.caught)) exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode ||= exitCode;

function restore(pristineSpecs) {
  for (const [document, text] of pristineSpecs) {
    writeFileSync(path.join(scratch, path.relative(repoRoot, document.inputSpec)), text);
  }
  rmSync(path.join(scratch, generatedRelative), { recursive: true, force: true });
  cpSync(GENERATED_ROOT, path.join(scratch, generatedRelative), { recursive: true });
}

function runContractSuite() {
  const started = Date.now();
  const report = path.join(scratch, 'jest-report.json');
  rmSync(report, { force: true });
  const jest = spawnSync(
    process.execPath,
    [
      path.join(scratch, 'node_modules', 'jest', 'bin', 'jest.js'),
      'test/contract',
      '--ci',
      '--silent',
      '--json',
      `--outputFile=${report}`,
    ],
    { cwd: scratch, encoding: 'utf8' },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(report))
    return { passed: false, summary: `jest did not report: ${lastLine(jest.stderr)}`, seconds, failures: [] };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failures = json.testResults.flatMap((file) =>
    file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
  );
  const brokenFiles = json.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0);
  const summary =
    `${json.numFailedTests} of ${json.numTotalTests} tests failed` +
    (brokenFiles.length > 0 ? `, ${brokenFiles.length} test file(s) failed to run` : '');
  return { passed: jest.status === 0 && json.success, summary, seconds, failures };
}

function printTable(rows) {
  const lines = rows.map((row) => {
    const examples = (row.failures ?? []).slice(0, SHOWN_FAILURES).map((name) => `\n        - ${name}`);
    return `${row.caught ? 'caught' : 'MISSED'}  ${row.seconds.padStart(5)} s  ${row.mutation.name}\n      ${row.detail}${examples.join('')}`;
  });
  console.log(`mutation results (spec mutated, client regenerated, contract suite run):\n\n${lines.join('\n')}\n`);
  const missed = rows.filter((row) => !row.caught).length;
  console.log(
    missed === 0 ? `All ${rows.length} mutations were caught.` : `${missed} of ${rows.length} mutations were MISSED.`,
  );
}

function since(started) {
  return ((Date.now() - started) / 1000).toFixed(1);
}

function lastLine(text) {
  return (text ?? '').trim().split('\n').pop() ?? '';
}
