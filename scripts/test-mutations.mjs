#!/usr/bin/env node
// `npm run test:mutations`: proves the contract suite catches spec drift. In a scratch copy of the repository it
// applies each mutation to its spec document, regenerates the clients and the bundled specs the emulator serves
// (dist/spec/), runs the contract suite, and expects it to fail. The mutations are the hand-written ones in
// scripts/lib/spec-mutations.mjs and, for each document, one rename of every field of every answer schema. Prints
// mutation -> caught/missed per document; exits non-zero when any is missed, or when the unmutated suite does not
// pass in the copy (then "caught" would mean nothing).
// Each mutation costs one generator run and one jest run of the contract files on one worker, stopped at the first
// failing file (quickest files first); see CONTRIBUTING.md for how long the whole proof takes.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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
const SEQUENCER = path.join(repoRoot, 'scripts', 'lib', 'fastest-first-sequencer.cjs');
const REPORTER = path.join(repoRoot, 'scripts', 'lib', 'mutation-jest-reporter.cjs');
// The generator's JVM lives about three seconds per mutation: the quick compiler and the serial collector cut its CPU
// time by a third (measured: 5.7 s -> 3.7 s for both documents) without changing what it writes.
const SHORT_JVM_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']
  .filter(Boolean)
  .join(' ');

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
// The jest project the contract suite belongs to (`unit`), minus its global setup: a whole `npm run build`
// whenever the sources are newer than dist/, which every mutation makes them, and which fails outright when a
// mutation breaks the types (jest then reports no test at all). The contract suite reads nothing from dist/ but
// the bundled specs, rebuilt here after each mutation; a type error shows as a test file that cannot run.
const { projects } = createRequire(import.meta.url)(path.join(repoRoot, 'jest.config.js'));
const projectJestConfig = { ...projects.find((project) => project.displayName === 'unit') };
delete projectJestConfig.globalSetup;
const REPORT = path.join(scratch, 'jest-report.json');
const jestConfig = JSON.stringify({
  ...projectJestConfig,
  rootDir: scratch,
  testSequencer: SEQUENCER,
  reporters: [[REPORTER, { outputFile: REPORT }]],
});
const startedAll = Date.now();
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

  const bundled = bundleSpecs();
  const baseline = bundled.status === 0 ? runContractSuite({ bail: false }) : undefined;
  if (!baseline) {
    console.error(`Bundling the unmutated specs failed in the scratch copy: ${lastLine(bundled.stderr)}`);
    process.exitCode = 1;
  } else if (baseline.outcome !== 'passed') {
    console.error(
      `The unmutated contract suite fails in the scratch copy, so no mutation result means anything:\n${baseline.summary}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`baseline: the unmutated contract suite passes (${baseline.summary}, ${baseline.seconds} s)\n`);
    const rows = [];
    // A line as each mutation ends, so a CI log shows progress; the table per document follows at the end.
    const record = (row) => {
      rows.push(row);
      console.log(
        `[${rows.length}/${mutations.length}] ${row.caught ? 'caught' : 'MISSED'} ${row.seconds.padStart(5)} s  ${row.mutation.name}`,
      );
    };
    for (const mutation of mutations) {
      const started = Date.now();
      restore(pristineSpecs);
      const document = documentOf(mutation);
      const spec = parse(pristineSpecs.get(document));
      mutation.apply(spec);
      writeFileSync(path.join(scratch, path.relative(repoRoot, document.inputSpec)), stringify(spec, { lineWidth: 0 }));
      const generate = spawnSync(process.execPath, ['scripts/generate.mjs'], {
        cwd: scratch,
        encoding: 'utf8',
        env: { ...process.env, JAVA_TOOL_OPTIONS: SHORT_JVM_OPTIONS },
      });
      if (generate.status !== 0) {
        record({
          mutation,
          caught: false,
          detail: `the generator failed: ${lastLine(generate.stderr)}`,
          seconds: since(started),
        });
        continue;
      }
      const bundle = bundleSpecs();
      if (bundle.status !== 0) {
        record({
          mutation,
          caught: false,
          detail: `bundling the spec failed: ${lastLine(bundle.stderr)}`,
          seconds: since(started),
        });
        continue;
      }
      // One mutation alone (a name filter) runs every file, to list every failing test.
      const result = runContractSuite({ bail: !only });
      record({
        mutation,
        caught: result.outcome === 'failed',
        detail: result.outcome === 'passed' ? 'suite passed' : result.summary,
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

// What the emulator serves (dist/spec/*.json), from the scratch copy's specs.
function bundleSpecs() {
  return spawnSync(process.execPath, ['scripts/build-spec-json.mjs'], { cwd: scratch, encoding: 'utf8' });
}

// The outcome of one contract run: `passed`, `failed` (a test failed, or a file could not run), or `broken` (jest
// ended without saying either: a crash or a configuration error, which must count as neither a pass nor a catch).
function runContractSuite({ bail }) {
  const started = Date.now();
  rmSync(REPORT, { force: true });
  const jest = spawnSync(
    process.execPath,
    [
      path.join(scratch, 'node_modules', 'jest', 'bin', 'jest.js'),
      'test/contract',
      `--config=${jestConfig}`,
      '--maxWorkers=1',
      ...(bail ? ['--bail'] : []),
      '--ci',
      '--silent',
    ],
    { cwd: scratch, encoding: 'utf8' },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!existsSync(REPORT)) {
    return { outcome: 'broken', summary: `jest did not report: ${lastLine(jest.stderr)}`, seconds, failures: [] };
  }
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  const failures = report.files.flatMap((file) => file.failedTests);
  const brokenFiles = report.files.filter((file) => file.runError !== undefined);
  const failedFiles = report.files
    .filter((file) => file.failedTests.length > 0 || file.runError !== undefined)
    .map((file) => path.relative(path.join(scratch, 'test', 'contract'), file.path));
  if (failedFiles.length === 0) {
    return jest.status === 0
      ? { outcome: 'passed', summary: `0 of ${report.numTotalTests} tests failed`, seconds, failures }
      : { outcome: 'broken', summary: `jest failed with no failing test: ${lastLine(jest.stderr)}`, seconds, failures };
  }
  const summary =
    `${report.numFailedTests} of ${report.numTotalTests} tests failed` +
    (brokenFiles.length > 0 ? `, ${brokenFiles.length} test file(s) could not run (${brokenFiles[0].runError})` : '') +
    ` in ${failedFiles.join(', ')}` +
    (bail ? ', stopped at the first failing file' : '');
  return { outcome: 'failed', summary, seconds, failures: [...failures, ...brokenFiles.map((file) => file.runError)] };
}

function printTable(rows) {
  console.log('mutation results (spec mutated, client and bundled spec regenerated, contract suite run):');
  for (const document of config.documents) {
    const own = rows.filter((row) => documentOf(row.mutation) === document);
    if (own.length === 0) continue;
    const caught = own.filter((row) => row.caught).length;
    const lines = own.map((row) => {
      const examples = (row.failures ?? []).slice(0, SHOWN_FAILURES).map((name) => `\n        - ${name}`);
      return `${row.caught ? 'caught' : 'MISSED'}  ${row.seconds.padStart(5)} s  ${row.mutation.name}\n      ${row.detail}${examples.join('')}`;
    });
    const file = path.relative(repoRoot, document.inputSpec);
    console.log(`\n${document.name} (${file}): ${caught} of ${own.length} caught\n\n${lines.join('\n')}`);
  }
  const missed = rows.filter((row) => !row.caught).length;
  const perDocument = config.documents
    .map((document) => {
      const own = rows.filter((row) => documentOf(row.mutation) === document);
      return `${document.name} ${own.filter((row) => row.caught).length} of ${own.length}`;
    })
    .join(', ');
  const minutes = ((Date.now() - startedAll) / 60_000).toFixed(1);
  console.log(
    `\n${missed === 0 ? `All ${rows.length} mutations were caught` : `${missed} of ${rows.length} mutations were MISSED`} (caught: ${perDocument}) in ${minutes} minutes.`,
  );
}

function since(started) {
  return ((Date.now() - started) / 1000).toFixed(1);
}

function lastLine(text) {
  return (text ?? '').trim().split('\n').pop() ?? '';
}
