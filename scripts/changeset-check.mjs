#!/usr/bin/env node
// `npm run changeset:check [-- <git ref>]`: every change to the specs, src/ or generated/ since <ref> (default: the
// last v* tag; before the first release it passes, saying so) carries a changeset (`changedFilePatterns` in
// .changeset/config.json) of at least the level the spec's changes ask for (oasdiff: breaking -> major, others ->
// minor). Also prints what the public API reports changed. `-- main` checks a branch before merging.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/generator-config.mjs';
import * as baseline from './lib/spec-baseline.mjs';
import { runMain } from './lib/run.mjs';

const RANK = { none: 0, patch: 1, minor: 2, major: 3 };

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const { root, documents } = baseline.specRepository();
  const given = positionals[0];
  const tag = given ? null : baseline.lastReleaseTag(root);
  if (!given && !tag) {
    console.log(
      'changeset:check: no v* release tag yet, so no release for a changelog to follow: nothing to check.\n' +
        'To check a branch, pass the ref it will merge into: npm run changeset:check -- main',
    );
    return;
  }
  const base = baseline.resolveBase(root, documents[0], given);
  console.log(`Changes since ${base.label}:`);

  const status = spawnSync(
    path.join(repoRoot, 'node_modules', '.bin', 'changeset'),
    ['status', `--since=${base.commit}`],
    { cwd: root },
  );
  if (status.status !== 0) {
    console.log(
      `FAIL: ${documents[0]}, src/ or generated/ changed, and no changeset says how to release it.\n` +
        'Add one with `npx changeset` (its level: what `npm run spec:breaking` and the API report say), or\n' +
        '`npx changeset --empty` when consumers cannot see the change. (Changesets are found through git:\n' +
        '`git add` a new one before checking.)',
    );
    process.exitCode = 1;
    return;
  }
  const plan = await baseline.releasePlan(root, base.commit);
  const changes = baseline.specChangesSince(root, base.commit, documents);
  const needed = changes.length ? baseline.levelFor(changes) : 'none';
  console.log(`  changesets: ${plan.changesets.map((changeset) => changeset.file).join(', ') || 'none'}`);
  console.log(
    `  their level: ${plan.level}; the spec's changes ask for: ${needed} (${changes.length} change(s) by oasdiff)`,
  );
  reportApiChanges(root, base.commit);

  if (RANK[plan.level] < RANK[needed]) {
    console.log(
      `FAIL: the spec's changes ask for a ${needed} release and the changesets say ${plan.level}. Raise the level ` +
        `in the changeset (or make the spec change compatible: npm run spec:breaking -- ${given ?? tag}).`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(
    plan.changesets.length
      ? 'OK: the changes carry a changeset of a sufficient level.'
      : 'OK: nothing that needs a changeset has changed.',
  );
}

// API Extractor's reports are committed, so their diff since the base is what consumers' types gained or lost.
function reportApiChanges(root, commit) {
  const stat = baseline.git(root, ['diff', '--numstat', commit, '--', 'api-reports'], { allowFailure: true });
  if (!stat) console.log('  public API reports: unchanged');
  for (const [added, removed, file] of stat ? stat.split('\n').map((line) => line.split('\t')) : []) {
    const warning =
      Number(removed) > 0 ? ' (removed or changed lines can break consumers: a major level, unless only comments)' : '';
    console.log(`  public API report ${file}: +${added} -${removed} lines${warning}`);
  }
}

runMain(main);
