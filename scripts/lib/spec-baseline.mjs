// What the breaking-change gate and the changeset check compare against: spec/ and package.json at a git ref,
// by default the last release tag. Shared so both say the same thing about the same ref.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { oasdiffChangelog } from '../ensure-oasdiff.mjs';

export function git(root, args, { allowFailure = false } = {}) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && !allowFailure) {
    throw new Error(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
  }
  return result.status === 0 ? result.stdout.trim() : null;
}

export function gitRoot(cwd = process.cwd()) {
  const root = git(cwd, ['rev-parse', '--show-toplevel'], { allowFailure: true });
  if (!root) throw new Error(`${cwd} is not inside a git work tree; the comparison needs the repository's history.`);
  return root;
}

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
  const tag = git(root, ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*'], { allowFailure: true });
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

// spec/ as it was at the commit, in a scratch folder, so $refs between its files resolve as they did then.
export function checkoutSpecDir(root, commit, specRelative) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-spec-base-'));
  const specDir = path.dirname(specRelative);
  const archive = spawnSync('git', ['archive', '--format=tar', commit, '--', specDir], {
    cwd: root,
    maxBuffer: 1 << 28,
  });
  const extract = spawnSync('tar', ['-x', '-C', scratch], { input: archive.stdout });
  if (archive.status !== 0 || extract.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`${commit} has no ${specDir}/ to compare with.`);
  }
  return {
    dir: scratch,
    file: path.join(scratch, specRelative),
    cleanup: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

export function versionAt(root, commit) {
  const text = commit
    ? git(root, ['show', `${commit}:package.json`])
    : readFileSync(path.join(root, 'package.json'), 'utf8');
  return JSON.parse(text).version;
}

const major = (version) => Number(String(version).split('.')[0]);
export const isMajorBump = (from, to) => major(to) > major(from);

/**
 * oasdiff's changelog of base -> revision: every change it classifies, ERR (breaking), WARN (possibly breaking)
 * and INFO (compatible).
 * @returns {{ level: 'ERR' | 'WARN' | 'INFO', id: string, text: string, operation: string }[]}
 */
export function specChanges(baseFile, revisionFile) {
  const levels = { 3: 'ERR', 2: 'WARN', 1: 'INFO' };
  return oasdiffChangelog(baseFile, revisionFile).map((entry) => ({
    level: levels[entry.level] ?? 'INFO',
    id: entry.id,
    text: entry.text,
    operation: entry.operation && entry.path ? `${entry.operation} ${entry.path}` : (entry.section ?? ''),
  }));
}

// The semver level a set of spec changes asks for: breaking -> major; any other change the diff sees -> minor
// (consumers gain something: a field, an operation, a response); none -> patch or nothing.
export function levelFor(changes) {
  if (changes.some((change) => change.level === 'ERR')) return 'major';
  if (changes.length > 0) return 'minor';
  return 'patch';
}

// The changesets waiting in .changeset/ for the next release, with the level each gives this package. A pending
// `major` one is as good as a bumped version: `changeset version` turns it into one at release.
export function pendingChangesets(root) {
  const dir = path.join(root, '.changeset');
  const name = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).name;
  let files;
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.md') && file !== 'README.md');
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(dir, file), 'utf8'))?.[1] ?? '';
    const line = front.split(/\r?\n/).find((entry) => entry.replace(/['"]/g, '').split(':')[0].trim() === name);
    const level = line ? line.split(':').pop().trim().replace(/['"]/g, '') : 'none';
    return { file: `.changeset/${file}`, level };
  });
}
