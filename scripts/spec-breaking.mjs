#!/usr/bin/env node
// `npm run spec:breaking [-- <git ref>] [--markdown]`: the breaking-change gate for our own spec. Compares spec/
// at the ref (default: the last v* release tag; before the first release, the commit that added the spec) with
// the working copy using oasdiff, and fails on a breaking change unless package.json's major version is higher
// than it was at that ref. It also says which semver level the change asks for.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import {
  checkoutSpecDir,
  gitRoot,
  isMajorBump,
  levelFor,
  pendingChangesets,
  resolveBase,
  specChanges,
  versionAt,
} from './lib/spec-baseline.mjs';
import { renderReport } from './lib/report.mjs';

const USAGE = `usage: npm run spec:breaking -- [<git ref>] [--markdown | --format markdown]
  Compares spec/ at <git ref> (default: the last v* tag, else the first commit with the spec) with the working copy.`;

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      markdown: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (positionals.length > 1 || !['text', 'markdown'].includes(values.format)) {
    console.error(USAGE);
    process.exit(2);
  }
  const markdown = values.markdown || values.format === 'markdown';

  // Where each spec document lives relative to the repository root, as openapitools.json says; the root is the git
  // work tree this runs in, so the gate can judge any clone with the same layout. The base is found through the
  // first document (v3); a document the base does not have yet is new, and adds nothing a consumer relied on.
  const documents = readGeneratorConfig().documents.map((document) => path.relative(repoRoot, document.inputSpec));
  const specRelative = documents.join(', ');
  const root = gitRoot();
  const base = resolveBase(root, documents[0], positionals[0]);
  const checkout = checkoutSpecDir(root, base.commit, documents[0]);
  const changes = [];
  try {
    for (const document of documents) {
      const before = path.join(checkout.dir, document);
      if (!existsSync(before)) continue;
      const found = specChanges(before, path.join(root, document));
      changes.push(
        ...(documents.length > 1
          ? found.map((change) => ({ ...change, operation: `${document}: ${change.operation}` }))
          : found),
      );
    }
  } finally {
    checkout.cleanup();
  }
  const versions = { base: versionAt(root, base.commit), now: versionAt(root, null) };
  const breaking = changes.filter((change) => change.level === 'ERR');
  const level = levelFor(changes);
  const majorChangeset = pendingChangesets(root).find((changeset) => changeset.level === 'major');
  const released = isMajorBump(versions.base, versions.now)
    ? `the major version ${versions.now}`
    : majorChangeset
      ? `a major version: ${majorChangeset.file} is a pending \`major\` changeset`
      : null;
  const failed = breaking.length > 0 && !released;
  const report = { base, specRelative, changes, versions, level, released, failed };
  console.log(render(report, markdown));
  process.exitCode = failed ? 1 : 0;
}

function verdict({ changes, level, failed, versions, released }) {
  if (changes.length === 0) return 'OK: no change to the API that a consumer can see.';
  const breaking = changes.filter((change) => change.level === 'ERR').length;
  if (failed) {
    return (
      `FAIL: ${breaking} breaking change${breaking === 1 ? '' : 's'}, and package.json's version ` +
      `(${versions.now}) has no major bump from ${versions.base}, nor is a \`major\` changeset pending. Make the ` +
      'change compatible, or release it as a major version: add a `major` changeset (`npx changeset`).'
    );
  }
  if (breaking) return `OK: ${breaking} breaking change(s), released as ${released}.`;
  return `OK: no breaking change. This is a ${level} change: its changeset should say \`${level}\`.`;
}

function render(report, markdown) {
  const names = { ERR: 'Breaking', WARN: 'Possibly breaking', INFO: 'Compatible' };
  return renderReport(
    {
      title: 'Breaking-change report for the spec',
      facts: [
        `Compared ${report.specRelative} at ${report.base.label} with the working copy (package.json ` +
          `${report.versions.base} -> ${report.versions.now}), using oasdiff.`,
        ...(!report.failed && report.changes.length ? [`Suggested semver level: ${report.level}.`] : []),
      ],
      sections: ['ERR', 'WARN', 'INFO'].map((level) => {
        const matching = report.changes.filter((change) => change.level === level);
        return {
          heading: `${names[level]} (${level}, ${matching.length})`,
          items: matching.map(
            (change) => `${level === 'ERR' ? 'x' : '-'} ${change.operation}: ${change.text} [${change.id}]`,
          ),
        };
      }),
      verdict: verdict(report),
    },
    markdown,
  );
}

try {
  main();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
