// The CLI tests run the compiled command as a subprocess, and the emulator reads the spec as the build writes it
// (dist/spec/tmdb-auth.json), and the runtime tests the portable build (dist/portable). `npm test` builds before jest; this covers a bare `npx jest` on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function globalSetup() {
  const needed = ['dist/src/cli/main.js', 'dist/spec/tmdb-auth.json', 'dist/portable/index.mjs'];
  if (needed.every((file) => existsSync(path.join(root, file)))) return;
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
