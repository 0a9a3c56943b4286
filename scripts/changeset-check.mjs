#!/usr/bin/env node
// `npm run changeset:check [-- <git ref>]`: every change to spec/tmdb-auth.yaml, src/ or generated/ since <ref>
// carries a changeset (the patterns are `changedFilePatterns` in .changeset/config.json), and the changesets'
// level is at least the one the spec's changes ask for (oasdiff: breaking -> major, others -> minor). Also
// prints what the public API reports changed, for the author to weigh.
//
// Which ref: the one given; else the last v* release tag, since the changelog is written per release. Before the
// first release there is nothing to be relative to, so it says so and passes: `npm test` runs it with no ref and
// it starts to bite with the first tag. Pass a ref (`-- main`, `-- origin/main`) to check a branch before merging.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { checkoutSpecDir, git, gitRoot, levelFor, resolveBase, specChanges } from './lib/spec-baseline.mjs';

const RANK = { none: 0, patch: 1, minor: 2, major: 3 };

function main() {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const root = gitRoot();
  // The base is found through the first spec document (v3), as spec:breaking finds it.
  const specRelative = path.relative(repoRoot, readGeneratorConfig().documents[0].inputSpec);
  const given = positionals[0];
  const tag = given
    ? null
    : git(root, ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*'], { allowFailure: true });
  if (!given && !tag) {
    console.log(
      'changeset:check: no v* release tag yet, so no release for a changelog to follow: nothing to check.\n' +
        'To check a branch, pass the ref it will merge into: npm run changeset:check -- main',
    );
    return;
  }
  const base = resolveBase(root, specRelative, given);
  console.log(`Changes since ${base.label}:`);

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-changeset-status-'));
  let plan;
  try {
    const output = path.join(scratch, 'plan.json');
    const status = spawnSync(
      path.join(repoRoot, 'node_modules', '.bin', 'changeset'),
      ['status', `--since=${base.commit}`, `--output=${output}`],
      { cwd: root, encoding: 'utf8' },
    );
    if (status.status !== 0) {
      console.log(
        `FAIL: ${specRelative}, src/ or generated/ changed, and no changeset says how to release it.\n` +
          'Add one with `npx changeset` (its level: what `npm run spec:breaking` and the API report say), or\n' +
          '`npx changeset --empty` when consumers cannot see the change. (Changesets are found through git:\n' +
          '`git add` a new one before checking.)',
      );
      process.exitCode = 1;
      return;
    }
    plan = JSON.parse(readFileSync(output, 'utf8'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const name = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name;
  const declared = plan.releases.find((release) => release.name === name)?.type ?? 'none';
  const checkout = checkoutSpecDir(root, base.commit, specRelative);
  let changes;
  try {
    changes = specChanges(checkout.file, path.join(root, specRelative));
  } finally {
    checkout.cleanup();
  }
  const needed = changes.length ? levelFor(changes) : 'none';
  console.log(
    `  changesets: ${plan.changesets.map((changeset) => `.changeset/${changeset.id}.md`).join(', ') || 'none'}`,
  );
  console.log(
    `  their level: ${declared}; the spec's changes ask for: ${needed} (${changes.length} change(s) by oasdiff)`,
  );
  reportApiChanges(root, base.commit);

  if (RANK[declared] < RANK[needed]) {
    console.log(
      `FAIL: the spec's changes ask for a ${needed} release and the changesets say ${declared}. Raise the level ` +
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
  const stat = git(root, ['diff', '--numstat', commit, '--', 'api-reports'], { allowFailure: true });
  if (!stat) {
    console.log('  public API reports: unchanged');
    return;
  }
  for (const line of stat.split('\n')) {
    const [added, removed, file] = line.split('\t');
    console.log(
      `  public API report ${file}: +${added} -${removed} lines` +
        (Number(removed) > 0
          ? ' (removed or changed lines can break consumers: a major level, unless only comments)'
          : ''),
    );
  }
}

try {
  main();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
