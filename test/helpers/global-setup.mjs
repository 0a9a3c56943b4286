// The CLI tests run the compiled command as a subprocess, and the emulator reads the spec as the build writes it
// (dist/spec/tmdb-auth.json), and the runtime tests the portable build (dist/portable). `npm test` builds before
// jest; this covers a bare `npx jest` (and the quick loop) on a fresh clone or after an edit: it builds when dist/
// is missing or older than what it is built from.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT = [
  'dist/src/cli/main.js',
  'dist/spec/tmdb-auth.json',
  'dist/spec/tmdb-auth-v4.json',
  'dist/portable/index.mjs',
];
const SOURCES = ['src', 'generated', 'spec', 'package.json'];

function newestChange(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

export default function globalSetup() {
  // Jest against the installed tarball (TMDB_AUTH_CLIENT_UNDER_TEST) tests that copy, not a build of the sources.
  if (process.env.TMDB_AUTH_CLIENT_UNDER_TEST) return;
  const built = BUILT.map((file) => path.join(root, file));
  if (built.every(existsSync)) {
    const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
    if (SOURCES.every((source) => newestChange(path.join(root, source)) <= builtAt)) return;
  }
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
