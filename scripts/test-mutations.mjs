#!/usr/bin/env node
// `npm run test:mutations`: proves the contract suite catches spec drift. In a scratch copy of the repository it
// applies each mutation to its spec document, regenerates the clients and the bundled specs the emulator serves
// (dist/spec/), runs the contract suite, and expects it to fail. The mutations are the hand-written ones in
// scripts/lib/spec-mutations.mjs and, for each document, one rename of every field of every answer schema. Prints a
// line as each mutation ends (caught or MISSED, why, the first failing tests), then the count caught per document;
// exits non-zero when any is missed, or when the unmutated suite does not pass in the copy (then "caught" would mean
// nothing). `node scripts/test-mutations.mjs <text>` runs only the mutations whose name contains <text>, listing
// every failing test. Each mutation costs one generator run and one jest run of the contract files on one worker,
// stopped at the first failing file (quickest files first); see CONTRIBUTING.md for how long the whole proof takes.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { run } from './lib/run.mjs';
import { answerFieldRenames, SPEC_MUTATIONS } from './lib/spec-mutations.mjs';

// Shared, not copied: they are large and the run never writes to them.
const LINKED = ['node_modules', '.openapi-generator-jar'];
const SKIPPED = new Set([...LINKED, '.git', 'dist', 'coverage']);
const only = process.argv[2];
// The generator's JVM lives about three seconds per mutation: the quick compiler and the serial collector cut its CPU
// time by a third (measured: 5.7 s -> 3.7 s for both documents) without changing what it writes.
const SHORT_JVM_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']
  .filter(Boolean)
  .join(' ');

const config = readGeneratorConfig();
const mutations = [
  ...SPEC_MUTATIONS,
  ...config.documents.flatMap((document) =>
    answerFieldRenames(parse(readFileSync(document.inputSpec, 'utf8')), document.name),
  ),
]
  .filter((mutation) => !only || mutation.name.includes(only))
  .map((mutation) => {
    const document = config.documents.find(({ name }) => name === (mutation.document ?? config.documents[0].name));
    if (!document) throw new Error(`mutation "${mutation.name}" names no document of openapitools.json`);
    return { ...mutation, document };
  });

const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-mutations-'));
const REPORT = path.join(scratch, 'jest-report.json');
// The jest project the contract suite belongs to (`unit`), minus its global setup: a whole `npm run build`
// whenever the sources are newer than dist/, which every mutation makes them, and which fails outright when a
// mutation breaks the types (jest then reports no test at all). The contract suite reads nothing from dist/ but
// the bundled specs, rebuilt here after each mutation. (ts-jest only transpiles, as tsconfig.json sets
// isolatedModules, so a type error against the regenerated client fails no test by itself.)
const { projects } = createRequire(import.meta.url)(path.join(repoRoot, 'jest.config.js'));
const jestProject = {
  ...projects.find((project) => project.displayName === 'unit'),
  rootDir: scratch,
  testSequencer: path.join(repoRoot, 'scripts', 'lib', 'fastest-first-sequencer.cjs'),
  reporters: [[path.join(repoRoot, 'scripts', 'lib', 'mutation-jest-reporter.cjs'), { outputFile: REPORT }]],
};
delete jestProject.globalSetup;
const startedAll = Date.now();
try {
  cpSync(repoRoot, scratch, {
    recursive: true,
    filter: (source) => !SKIPPED.has(path.relative(repoRoot, source).split(path.sep)[0]),
  });
  for (const name of LINKED) {
    if (existsSync(path.join(repoRoot, name))) symlinkSync(path.join(repoRoot, name), path.join(scratch, name));
  }
  const bundleError = runScript('scripts/build-spec-json.mjs');
  const baseline = bundleError ? { outcome: 'broken', summary: bundleError } : runContractSuite({ bail: false });
  if (baseline.outcome !== 'passed') {
    console.error(
      `The unmutated contract suite does not pass in the scratch copy, so no mutation result means anything:\n      ${detail(baseline)}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`baseline: the unmutated contract suite passes (${baseline.summary}, ${baseline.seconds} s)\n`);
    const missed = [];
    for (const [index, mutation] of mutations.entries()) {
      const started = Date.now();
      const specFile = path.join(scratch, path.relative(repoRoot, mutation.document.inputSpec));
      const spec = parse(readFileSync(mutation.document.inputSpec, 'utf8'));
      mutation.apply(spec);
      writeFileSync(specFile, stringify(spec, { lineWidth: 0 }));
      // Every document is regenerated and rebundled, so only the spec needs putting back for the next mutation.
      const buildError =
        runScript('scripts/generate.mjs', { JAVA_TOOL_OPTIONS: SHORT_JVM_OPTIONS }) ??
        runScript('scripts/build-spec-json.mjs');
      // One mutation alone (a name filter) runs every file, to list every failing test.
      const result = buildError ? { outcome: 'broken', summary: buildError } : runContractSuite({ bail: !only });
      cpSync(mutation.document.inputSpec, specFile);
      const caught = result.outcome === 'failed';
      if (!caught) missed.push(mutation);
      console.log(
        `[${index + 1}/${mutations.length}] ${caught ? 'caught' : 'MISSED'} ${since(started).padStart(5)} s  ${mutation.name}\n      ${detail(result)}`,
      );
    }
    console.log('\ncaught per document (spec mutated, client and bundled spec regenerated, contract suite run):');
    for (const document of config.documents) {
      const own = mutations.filter((mutation) => mutation.document === document);
      const ownMissed = missed.filter((mutation) => mutation.document === document).map(({ name }) => name);
      const file = path.relative(repoRoot, document.inputSpec);
      console.log(
        `${document.name} (${file}): ${own.length - ownMissed.length} of ${own.length} caught${ownMissed.map((name) => `\n  MISSED ${name}`).join('')}`,
      );
    }
    const minutes = ((Date.now() - startedAll) / 60_000).toFixed(1);
    console.log(
      `\n${missed.length === 0 ? `All ${mutations.length} mutations were caught` : `${missed.length} of ${mutations.length} mutations were MISSED`} in ${minutes} minutes.`,
    );
    if (missed.length > 0) process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** A run's summary, then its first failing tests (every one when a name filter picked the mutations). */
function detail(result) {
  const shown = (result.failures ?? []).slice(0, only ? Infinity : 3).map((name) => `\n        - ${name}`);
  return `${result.outcome === 'passed' ? 'suite passed' : result.summary}${shown.join('')}`;
}

/** Runs a script of the scratch copy; returns nothing when it succeeds, else what failed. */
function runScript(script, env) {
  const result = run(process.execPath, [script], { quiet: true, cwd: scratch, env: { ...process.env, ...env } });
  return result.status === 0 ? undefined : `${script} failed: ${errorLine(result.stderr)}`;
}

// The outcome of one contract run: `passed`, `failed` (a test failed, or a file could not run), or `broken` (jest
// ended without saying either: a crash or a configuration error, which must count as neither a pass nor a catch).
function runContractSuite({ bail }) {
  const started = Date.now();
  rmSync(REPORT, { force: true });
  const jest = run(
    process.execPath,
    [
      path.join(scratch, 'node_modules', 'jest', 'bin', 'jest.js'),
      'test/contract',
      `--config=${JSON.stringify(jestProject)}`,
      '--maxWorkers=1',
      ...(bail ? ['--bail'] : []),
      '--ci',
      '--silent',
    ],
    { quiet: true, cwd: scratch },
  );
  const outcome = (name, summary, failures) => ({ outcome: name, summary, failures, seconds: since(started) });
  if (!existsSync(REPORT)) return outcome('broken', `jest did not report: ${errorLine(jest.stderr)}`);
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  const failedFiles = report.testResults.filter((file) => file.status === 'failed');
  if (failedFiles.length === 0) {
    return jest.status === 0
      ? outcome('passed', `0 of ${report.numTotalTests} tests failed`)
      : outcome('broken', `jest failed with no failing test: ${errorLine(jest.stderr)}`);
  }
  // A failed file with no failed test could not run at all (a throw at load time): its message is jest's "● Test
  // suite failed to run" and then the error.
  const failures = failedFiles.flatMap((file) => {
    const tests = file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName);
    return tests.length > 0 ? tests : [file.message.trim().split(/\n\s*/)[1] ?? file.message];
  });
  const broken = report.numRuntimeErrorTestSuites;
  const summary =
    `${report.numFailedTests} of ${report.numTotalTests} tests failed` +
    (broken > 0 ? `, ${broken} test file(s) could not run` : '') +
    ` in ${failedFiles.map((file) => path.relative(path.join(scratch, 'test', 'contract'), file.name)).join(', ')}` +
    (bail ? ', stopped at the first failing file' : '');
  return outcome('failed', summary, failures);
}

function since(started) {
  return ((Date.now() - started) / 1000).toFixed(1);
}

// What a failed command's output says went wrong: its last error line (a crash of Node ends with Node's version), or
// else its last line.
function errorLine(text) {
  const lines = text.trim().split('\n');
  return lines.findLast((line) => /^\w*Error\b/.test(line)) ?? lines.pop();
}
