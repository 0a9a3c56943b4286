// ARCHITECTURE.md is where a newcomer learns what each module is for. It must name every module in the list of
// the module's folder, name no module that is gone, and say truly which modules build the errors users see.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const architecture = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');

function modulesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')));
}

/** Each folder's list: the text under its `### ... (`src/<folder>/`)` heading, up to the next heading. */
const sections = new Map(
  [...architecture.matchAll(/^### [^\n]*\(`(src\/[a-z/]*)`\)\n([\s\S]*?)(?=^##)/gm)].map(
    ([, folder, text]) => [folder as string, text as string] as const,
  ),
);

/** The backticked `*.ts` names in a text. */
function namesIn(text: string): string[] {
  return [...text.matchAll(/`([\w./*-]+\.ts)`/g)].map(([, name]) => name as string);
}

/** A module is named in its own folder's list, by file name (per-command files: by command, under `commands/*.ts`). */
function isNamed(module: string): boolean {
  const folder = `${path.posix.dirname(module).replace(/\/commands$/, '')}/`;
  const file = path.posix.basename(module);
  const text = sections.get(folder) ?? '';
  if (module.includes('/commands/')) {
    return text.includes('`commands/*.ts`') && text.includes(`\`${file.replace(/\.ts$/, '')}\``);
  }
  return namesIn(text).includes(file);
}

/** Where a name in a folder's list points: a file name in that folder, or a path below src/. */
function pathOf(folder: string, name: string): string {
  return name.includes('/') ? path.posix.join('src', name) : path.posix.join(folder, name);
}

const sourceOf = (module: string) => readFileSync(path.join(root, module), 'utf8');

describe('ARCHITECTURE.md', () => {
  it('has a list for each folder under src/', () => {
    expect([...sections.keys()].sort()).toEqual(['src/', 'src/cli/', 'src/internal/', 'src/redis/', 'src/testing/']);
  });

  it.each(modulesUnder('src'))('names %s in the list of its folder', (module) => {
    expect(isNamed(module)).toBe(true);
  });

  const named = [...sections].flatMap(([folder, text]) =>
    namesIn(text)
      .filter((name) => !name.includes('*'))
      .map((name) => pathOf(folder, name)),
  );
  const inText = [...architecture.matchAll(/(?<![\w/])(src\/[\w/-]+\.ts|internal\/[\w-]+\.ts)/g)].map(([, p]) =>
    (p as string).startsWith('src/') ? (p as string) : `src/${p}`,
  );
  it.each([...new Set([...named, ...inText])])('names %s, which exists', (module) => {
    expect(existsSync(path.join(root, module))).toBe(true);
  });

  it('names every main-entry module that builds an error users see, and no other', () => {
    const rule = architecture.split('\n- ').find((item) => item.startsWith('Errors leave the package')) ?? '';
    const namedBuilders = namesIn(rule)
      .map((name) => path.posix.join('src', name))
      .sort();
    const builders = modulesUnder('src')
      .filter((module) => !/^src\/(cli|testing)\//.test(module))
      .filter((module) => /new Tmdb\w*Error\(/.test(sourceOf(module)))
      .sort();
    expect(namedBuilders).toEqual(builders);
  });
});
