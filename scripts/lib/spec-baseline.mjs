// What the breaking-change gate and the changeset check compare against: spec/ and package.json at a git ref,
// by default the last release tag. Shared so both say the same thing about the same ref.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import getReleasePlan from '@changesets/get-release-plan';
import { oasdiffChangelog } from '../ensure-oasdiff.mjs';
import { readGeneratorConfig, repoRoot } from './generator-config.mjs';

/** The git work tree this runs in, and each spec document's path in it, v3 first (openapitools.json). */
export function specRepository() {
  const documents = readGeneratorConfig().documents.map((document) => path.relative(repoRoot, document.inputSpec));
  return { root: git(process.cwd(), ['rev-parse', '--show-toplevel']), documents };
}

export function git(root, args, { allowFailure = false } = {}) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  }
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The last `v*` release tag reachable from HEAD, or null before the first release. */
export const lastReleaseTag = (root) =>
  git(root, ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*'], { allowFailure: true });

/**
 * The commit to compare with, and why that one: the ref given; else the last `v*` release tag reachable from
 * HEAD; else, before the first release, the first commit that had the spec (so every change since the spec was
 * written is judged). A shallow clone may lack both: it says so.
 * @returns {{ commit: string, label: string }}
 */
export function resolveBase(root, specRelative, given) {
  if (given) {
    const commit = git(root, ['rev-parse', '--verify', '--quiet', `${given}^{commit}`], { allowFailure: true });
    if (!commit) throw new Error(`${given} is not a commit in this repository (fetch it, or the tags, first).`);
    return { commit, label: `${given} (given)` };
  }
  const tag = lastReleaseTag(root);
  if (tag) return { commit: git(root, ['rev-parse', `${tag}^{commit}`]), label: `${tag} (the last release tag)` };
  const first = git(root, ['log', '--diff-filter=A', '--format=%H', '--reverse', '--', specRelative]);
  const commit = first?.split('\n')[0];
  if (!commit) {
    throw new Error(
      `No v* release tag, and no commit adds ${specRelative} (a shallow clone?). Pass a ref to compare with.`,
    );
  }
  const subject = git(root, ['log', '-1', '--format=%h %s', commit]);
  return { commit, label: `${subject} (no v* release tag yet: the first commit with ${specRelative})` };
}

/**
 * oasdiff's changelog of each spec document (paths relative to the root) from the commit to the working copy:
 * every change it classifies, ERR (breaking), WARN (possibly breaking) and INFO (compatible). oasdiff reads the
 * commit's version through git itself (`<commit>:<path>`; each document is self-contained, so no $ref reaches
 * another file); a document the commit does not have yet is new, and adds nothing a consumer relied on.
 * @returns {{ level: 'ERR' | 'WARN' | 'INFO', id: string, text: string, operation: string }[]}
 */
export function specChangesSince(root, commit, documents) {
  const levels = { 3: 'ERR', 2: 'WARN', 1: 'INFO' };
  const has = (document) => git(root, ['cat-file', '-e', `${commit}:${document}`], { allowFailure: true }) !== null;
  if (!has(documents[0])) throw new Error(`${commit} has no ${documents[0]} to compare with.`);
  return documents.filter(has).flatMap((document) =>
    oasdiffChangelog(`${commit}:${document}`, document, { cwd: root }).map((entry) => {
      const where = entry.operation && entry.path ? `${entry.operation} ${entry.path}` : (entry.section ?? '');
      return {
        level: levels[entry.level] ?? 'INFO',
        id: entry.id,
        text: entry.text,
        operation: documents.length > 1 ? `${document}: ${where}` : where,
      };
    }),
  );
}

export function versionAt(root, commit) {
  const text = commit
    ? git(root, ['show', `${commit}:package.json`])
    : readFileSync(path.join(root, 'package.json'), 'utf8');
  return JSON.parse(text).version;
}

const major = (version) => Number(String(version).split('.')[0]);
export const isMajorBump = (from, to) => major(to) > major(from);

// The semver level a set of spec changes asks for: breaking -> major; any other change the diff sees -> minor
// (consumers gain something: a field, an operation, a response); none -> patch or nothing.
export function levelFor(changes) {
  if (changes.some((change) => change.level === 'ERR')) return 'major';
  if (changes.length > 0) return 'minor';
  return 'patch';
}

// The changesets waiting in .changeset/ (all of them, or those added since a ref) and the release they plan, as
// changesets itself reads them. A pending `major` one is as good as a bumped version: `changeset version` turns it
// into one at release. A repository without changesets' config has none.
export async function releasePlan(root, since) {
  if (!existsSync(path.join(root, '.changeset', 'config.json'))) return { level: 'none', changesets: [] };
  const name = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name;
  const plan = await getReleasePlan(root, since);
  const levelOf = (changeset) => changeset.releases.find((release) => release.name === name)?.type ?? 'none';
  return {
    level: plan.releases.find((release) => release.name === name)?.type ?? 'none',
    changesets: plan.changesets.map((changeset) => ({
      file: `.changeset/${changeset.id}.md`,
      level: levelOf(changeset),
    })),
  };
}
