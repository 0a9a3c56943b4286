// ARCHITECTURE.md is where a newcomer learns what each module is for; a module it does not name is one nobody
// was told about.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const architecture = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');

function modulesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')));
}

// A module counts as named when ARCHITECTURE.md gives its path below src/ (`internal/backoff.ts`), or, in the
// list of its folder, its file name; per-command files are named by their command under `commands/*.ts`.
function isNamed(module: string): boolean {
  const below = module.replace(/^src\//, '');
  const folder = path.posix.dirname(below);
  const file = path.posix.basename(below);
  if (folder === 'cli/commands')
    return architecture.includes('`commands/*.ts`') && architecture.includes(`\`${file.replace(/\.ts$/, '')}\``);
  return architecture.includes(below) || architecture.includes(`\`${file}\``);
}

describe('ARCHITECTURE.md', () => {
  it.each(modulesUnder('src'))('names %s', (module) => {
    expect(isNamed(module)).toBe(true);
  });
});
