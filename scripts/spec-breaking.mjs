#!/usr/bin/env node
// `npm run spec:breaking [-- <git ref>] [--markdown]`: the breaking-change gate for our own spec. Compares spec/
// at the ref (default: the last v* release tag; before the first release, the commit that added the spec) with
// the working copy using oasdiff, and fails on a breaking change unless package.json's major version is higher
// than it was at that ref. It also says which semver level the change asks for.
import { parseArgs } from 'node:util';
import {
  isMajorBump,
  levelFor,
  releasePlan,
  resolveBase,
  specChangesSince,
  specRepository,
  versionAt,
} from './lib/spec-baseline.mjs';
import { renderReport } from './lib/report.mjs';
import { runMain } from './lib/run.mjs';

const USAGE = `usage: npm run spec:breaking -- [<git ref>] [--markdown]
  Compares spec/ at <git ref> (default: the last v* tag, else the first commit with the spec) with the working copy.`;

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      markdown: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (positionals.length > 1) {
    console.error(USAGE);
    process.exit(2);
  }

  const { root, documents } = specRepository();
  const specRelative = documents.join(', ');
  const base = resolveBase(root, documents[0], positionals[0]);
  const changes = specChangesSince(root, base.commit, documents);
  const versions = { base: versionAt(root, base.commit), now: versionAt(root, null) };
  const breaking = changes.filter((change) => change.level === 'ERR');
  const level = levelFor(changes);
  const majorChangeset = (await releasePlan(root)).changesets.find((changeset) => changeset.level === 'major');
  const released = isMajorBump(versions.base, versions.now)
    ? `the major version ${versions.now}`
    : majorChangeset
      ? `a major version: ${majorChangeset.file} is a pending \`major\` changeset`
      : null;
  const failed = breaking.length > 0 && !released;
  const report = { base, specRelative, changes, versions, level, released, failed };
  console.log(render(report, values.markdown));
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

runMain(main);
