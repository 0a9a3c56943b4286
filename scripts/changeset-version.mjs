#!/usr/bin/env node
// `npm run release:version`: `changeset version` (bumps package.json by the pending changesets' highest level and
// writes their entries into CHANGELOG.md), then keeps the hand-written "## Unreleased" section meaningful.
// Changesets inserts the new version's section right under the title, above "## Unreleased"; what was written by
// hand under "Unreleased" is part of this release, so it moves into the new section, and an empty "Unreleased"
// heading goes back on top for the next hand-written note.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/generator-config.mjs';

const UNRELEASED = /^## Unreleased\s*$/im;

export function foldUnreleased(changelog) {
  const lines = changelog.split('\n');
  const isVersionHeading = (line) => /^## /.test(line);
  const unreleasedAt = lines.findIndex((line) => UNRELEASED.test(line));
  const newVersionAt = lines.findIndex(isVersionHeading);
  // Nothing to do unless changesets put a version section above "Unreleased".
  if (unreleasedAt === -1 || newVersionAt === -1 || newVersionAt === unreleasedAt) return changelog;

  let unreleasedEnd = lines.findIndex((line, index) => index > unreleasedAt && isVersionHeading(line));
  if (unreleasedEnd === -1) unreleasedEnd = lines.length;
  const notes = lines
    .slice(unreleasedAt + 1, unreleasedEnd)
    .join('\n')
    .trim();
  const rest = [...lines.slice(0, unreleasedAt), ...lines.slice(unreleasedEnd)];

  // The new version's section ends where the next version heading starts.
  let sectionEnd = rest.findIndex((line, index) => index > newVersionAt && isVersionHeading(line));
  if (sectionEnd === -1) sectionEnd = rest.length;
  const section = rest.slice(newVersionAt, sectionEnd).join('\n').trimEnd();
  // Notes written as a bare list get a heading of their own, beside changesets' "### Minor Changes" and the like.
  const titled = notes && !notes.startsWith('### ') ? `### Other changes\n\n${notes}` : notes;
  const merged = titled ? `${section}\n\n${titled}` : section;
  return [...rest.slice(0, newVersionAt), '## Unreleased', '', merged, '', ...rest.slice(sectionEnd)].join('\n');
}

function main() {
  const bin = path.join(repoRoot, 'node_modules', '.bin');
  const version = spawnSync(path.join(bin, 'changeset'), ['version'], { stdio: 'inherit', cwd: process.cwd() });
  if (version.status !== 0) process.exit(version.status ?? 1);
  const file = path.join(process.cwd(), 'CHANGELOG.md');
  if (!existsSync(file)) return;
  writeFileSync(file, foldUnreleased(readFileSync(file, 'utf8')));
  spawnSync(path.join(bin, 'prettier'), ['--write', '--log-level=warn', file], { stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) main();
