#!/usr/bin/env node
// `npm run api:check` / `npm run api:update`: the public API reports. API Extractor (settings: api-extractor.json)
// writes what a consumer's types can see of each entry the package exports to api-reports/<name>.api.md; the
// check fails, showing the difference, when the built declarations no longer match the committed reports, and
// `--update` rewrites them. The reports name types, never files in dist/, so moving internal files changes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { repoRoot } from './lib/generator-config.mjs';
import { runMain } from './lib/run.mjs';

export const REPORT_FOLDER = path.join(repoRoot, 'api-reports');

// One report per entry of package.json's `exports` that has types (`./generated/v4` ->
// tmdb-auth-client-generated-v4.api.md), read from the CommonJS declarations its `require` condition serves (the ES
// module wrappers' .d.mts files re-export them). An entry added to `exports` gets its report without a change here.
function entriesOf(packageJson) {
  return Object.entries(packageJson.exports)
    .map(([entry, conditions]) => ({ entry, types: (conditions.node ?? conditions).require?.types }))
    .filter(({ types }) => types)
    .map(({ entry, types }) => ({ entry, types, report: `${packageJson.name}${entry.slice(1).replaceAll('/', '-')}` }));
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
    for (const { entry, report, types } of entriesOf(packageJson)) {
      const declarations = path.join(packageDir, types);
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
  const name = path.relative(repoRoot, committed);
  if (!existsSync(committed)) return `${name} is not committed yet.`;
  const labels = ['--label', `committed ${name}`, '--label', `built ${name}`];
  return spawnSync('diff', ['-u', ...labels, committed, built], { encoding: 'utf8' }).stdout.trim();
}

runMain(main);
