#!/usr/bin/env node
// `npm run api:check` / `npm run api:update`: the public API reports. API Extractor reads the built declarations
// of each entry the package exports (`.`, `./generated`, `./testing`, `./redis`) and writes what a consumer's types can see
// to api-reports/<name>.api.md. The check fails, showing the difference, when the build's declarations no longer
// match the committed reports; `--update` rewrites them. A reviewer then sees in the pull request's diff what a
// spec change or a refactor did to consumers' types.
//
// The reports name types and signatures, never the files inside dist/ they come from, so moving internal files
// changes nothing here; only what the entries export (and the types those exports reach) does. API Extractor's
// settings are in api-extractor.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { repoRoot } from './lib/generator-config.mjs';

// One report per entry of package.json's `exports`, read from the CommonJS declarations the `require` condition
// serves (the ES module wrappers' .d.mts files re-export them).
export const ENTRIES = [
  { entry: '.', report: 'tmdb-auth-client' },
  { entry: './generated', report: 'tmdb-auth-client-generated' },
  { entry: './generated/v4', report: 'tmdb-auth-client-generated-v4' },
  { entry: './testing', report: 'tmdb-auth-client-testing' },
  { entry: './redis', report: 'tmdb-auth-client-redis' },
];
export const REPORT_FOLDER = path.join(repoRoot, 'api-reports');

function declarationsOf(entry, packageJson) {
  const conditions = packageJson.exports?.[entry];
  const types = (conditions?.node ?? conditions)?.require?.types;
  if (!types)
    throw new Error(`package.json exports["${entry}"].require.types is not set (nor under its node condition).`);
  return types;
}

function main() {
  const { values } = parseArgs({
    options: {
      update: { type: 'boolean', default: false },
      // A copy of the build to read instead of dist/ (the tests plant changes in one).
      'package-dir': { type: 'string', default: repoRoot },
      'report-folder': { type: 'string', default: REPORT_FOLDER },
    },
  });
  const packageDir = path.resolve(values['package-dir']);
  const packageJson = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-api-report-'));
  const outcomes = [];
  try {
    for (const { entry, report } of ENTRIES) {
      const declarations = path.join(packageDir, declarationsOf(entry, packageJson));
      if (!existsSync(declarations)) {
        throw new Error(`${path.relative(process.cwd(), declarations)} does not exist: run \`npm run build\` first.`);
      }
      outcomes.push(extract({ entry, report, declarations, packageDir, scratch, ...values }));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const changed = outcomes.filter((outcome) => outcome.changed);
  for (const outcome of outcomes) {
    const state = outcome.changed ? (values.update ? 'updated' : 'CHANGED') : 'unchanged';
    console.log(`  ${state.padEnd(9)} ${outcome.entry.padEnd(12)} ${path.relative(repoRoot, outcome.reportFile)}`);
  }
  if (changed.length === 0) {
    console.log('The public API matches the committed reports.');
  } else if (values.update) {
    console.log(`Rewrote ${changed.length} report(s): review them with \`git diff api-reports/\` and commit them.`);
  } else {
    for (const outcome of changed) console.log(`\n${outcome.diff}`);
    console.log(
      `\nThe public API differs from the committed report(s) above (- committed, + built). If the change is meant,` +
        ' run `npm run api:update` and commit the reports; removed or changed lines break consumers (a major' +
        ' changeset), added ones are a minor change.',
    );
    process.exitCode = 1;
  }
}

function extract({ entry, report, declarations, packageDir, scratch, update, 'report-folder': reportFolder }) {
  const reportFile = path.join(path.resolve(reportFolder), `${report}.api.md`);
  if (update) mkdirSync(path.dirname(reportFile), { recursive: true });
  const tempFolder = path.join(scratch, report);
  const base = ExtractorConfig.loadFile(path.join(repoRoot, 'api-extractor.json'));
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      projectFolder: packageDir,
      mainEntryPointFilePath: declarations,
      compiler: { overrideTsconfig: { ...base.compiler.overrideTsconfig, files: [declarations] } },
      apiReport: {
        ...base.apiReport,
        reportFileName: report,
        reportFolder: path.resolve(reportFolder),
        reportTempFolder: tempFolder,
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: path.join(packageDir, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback(message) {
      // API Extractor's own notices (its TypeScript version, "API report written to...") are noise here.
      if (message.category === 'console' && ['info', 'verbose'].includes(message.logLevel)) message.handled = true;
    },
  });
  if (result.errorCount > 0) throw new Error(`API Extractor failed on ${entry} with ${result.errorCount} error(s).`);
  const tempFile = path.join(tempFolder, `${report}.api.md`);
  const diff = result.apiReportChanged && !update ? unifiedDiff(reportFile, tempFile) : '';
  return { entry, reportFile, changed: result.apiReportChanged, diff };
}

function unifiedDiff(committed, built) {
  if (!existsSync(committed)) return `${path.relative(repoRoot, committed)} is not committed yet.`;
  const name = path.relative(repoRoot, committed);
  const result = spawnSync(
    'diff',
    ['-u', '--label', `committed ${name}`, '--label', `built ${name}`, committed, built],
    {
      encoding: 'utf8',
    },
  );
  return result.stdout.trim();
}

try {
  main();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
