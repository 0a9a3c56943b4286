// The README-blocks test: every ```ts and ```js block of README.md and of each docs/*.md page, compiled in a
// consumer project that installed the packed tarball, under four compiler settings, each with `skipLibCheck: false`:
//
//   nodenext  module/moduleResolution nodenext, blocks as ES modules (.mts)
//   bundler   module esnext, moduleResolution bundler (.ts)
//   node10    module commonjs, moduleResolution node10 (.ts; CommonJS has no top-level await, so a user wraps such a
//             block in an async function: its types check the same, and only the complaint about the await goes)
//   tsc-init  exactly what TypeScript's `tsc --init` writes (5.9: nodenext, exactOptionalPropertyTypes,
//             verbatimModuleSyntax, noUncheckedIndexedAccess...), plus `types: ["node"]` and `skipLibCheck: false`
//
// A block marked `jest` is also run, with jest, against the installed package. Each setting compiles all blocks in
// one `tsc` run, the four in parallel, with jest beside them. ```js blocks are checked too (`checkJs`): CommonJS
// unless they use `import`/`export`.
//
// Blocks that are deliberately fragments say so in an HTML comment on the line before the fence (invisible on
// GitHub and npm); no block is skipped:
//
//   <!-- readme-check: prelude=tmdb -->      the block is compiled after test/fixtures/readme-preludes/tmdb.ts, which
//                                            declares what it uses without defining it (`tmdb`)
//   <!-- readme-check: jest -->              the block is a complete jest test file: compiled, and run
//
// A canary, a block broken on purpose, is compiled with every setting: each must report exactly its one error, or
// the test fails, so a setting that silently checks nothing cannot pass.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { bin, run, writeJson } from './consumer-project.mjs';
import { repoRoot } from './generator-config.mjs';

const PRELUDES = path.join(repoRoot, 'test', 'fixtures', 'readme-preludes');
const DIRECTIVE = /^\s*<!--\s*readme-check:\s*(.*?)\s*-->\s*$/;
const LANGUAGES = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };

const DOCS = path.join(repoRoot, 'docs');

const CANARY = { name: 'canary', code: "const canary: number = 'a block broken on purpose';\n", error: 'TS2322' };

/** What every setting checks: JavaScript too, the package's own declarations too, nothing emitted. */
const CHECKED = { noEmit: true, skipLibCheck: false, types: ['node'], allowJs: true, checkJs: true };
const STRICT = { target: 'es2022', strict: true };

/** The four settings: compiler options, and the file extension a TypeScript block gets. */
const SETTINGS = {
  nodenext: { extension: '.mts', compilerOptions: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext' } },
  bundler: { extension: '.ts', compilerOptions: { ...STRICT, module: 'esnext', moduleResolution: 'bundler' } },
  node10: {
    extension: '.ts',
    ignored: /error TS(1378|1432):/,
    compilerOptions: { ...STRICT, module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true },
  },
  // `tsc --init`'s output, written in this setting's folder by the installed compiler.
  'tsc-init': { extension: '.mts', extends: './tsconfig.json', compilerOptions: {} },
};

/** README.md, then every docs/*.md page: the Markdown files whose blocks users copy. */
export function userDocs() {
  const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((name) => name.endsWith('.md')) : [];
  return [path.join(repoRoot, 'README.md'), ...pages.sort().map((name) => path.join(DOCS, name))];
}

/**
 * Reads the ```ts and ```js blocks of a Markdown text, with the directive before each.
 * @param {string} markdown
 * @param {string} [name] the file's name, for error messages
 * @returns {{ line: number, language: 'ts' | 'js', code: string, prelude?: string, jest: boolean }[]}
 *   `line` is the Markdown line of the block's first line of code.
 */
export function extractBlocks(markdown, name = 'README') {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== fence) end++;
    if (end === lines.length) throw new Error(`${name} line ${i + 1}: the code block is never closed`);
    const directive = directiveBefore(lines, i);
    const language = LANGUAGES[info.toLowerCase()];
    if (language) {
      const code = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
        .join('\n');
      blocks.push({ line: i + 2, language, code: `${code}\n`, ...parseDirective(directive, i + 1, name) });
    } else if (directive !== undefined) {
      throw new Error(`${name} line ${i}: a readme-check comment before a \`\`\`${info} block, which is not checked`);
    }
    i = end;
  }
  return blocks;
}

function directiveBefore(lines, fenceIndex) {
  let i = fenceIndex - 1;
  while (i >= 0 && lines[i].trim() === '') i--;
  const match = i >= 0 ? DIRECTIVE.exec(lines[i]) : null;
  return match ? match[1] : undefined;
}

function parseDirective(text, line, name) {
  const parsed = { prelude: undefined, jest: false };
  for (const word of (text ?? '').split(/\s+/).filter(Boolean)) {
    const prelude = /^prelude=([\w-]+)$/.exec(word);
    if (prelude) parsed.prelude = prelude[1];
    else if (word === 'jest') parsed.jest = true;
    else throw new Error(`${name} line ${line - 1}: unknown readme-check directive \`${word}\` (prelude=<name>, jest)`);
  }
  return parsed;
}

/**
 * Compiles (and, for jest blocks, runs) every block of the Markdown files `markdownPaths` (by default README.md and
 * docs/*.md), and each of `typescriptFiles` whole, in `app`, a project where the tarball is installed
 * (scripts/lib/consumer-project.mjs). Resolves with a one-line summary; rejects, listing every error by file and line, when a block does not compile under a setting,
 * a jest block fails, or the canary goes unreported.
 */
export async function checkReadmeBlocks({ app, markdownPaths = userDocs(), typescriptFiles = [] }) {
  const started = Date.now();
  const blocks = [...markdownPaths, ...typescriptFiles].flatMap((file) => {
    const name = path.relative(process.cwd(), file) || file;
    const text = readFileSync(file, 'utf8');
    // A TypeScript file (the consumer fixture) is one block, whole.
    const found = file.endsWith('.ts')
      ? [{ line: 1, language: 'ts', code: text, jest: false }]
      : extractBlocks(text, name);
    return found.map((block) => ({ ...block, source: name, file: `${fileSlug(file)}-L${block.line}` }));
  });
  // A page may have no code (docs/cli.md); all of them together having none means the extraction is broken.
  if (blocks.length === 0) throw new Error(`no \`\`\`ts or \`\`\`js block in ${markdownPaths.join(', ')}`);
  const work = path.join(app, 'readme-blocks');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  mkdirSync(path.join(work, 'tsc-init'));
  await run(bin(app, 'tsc'), ['--init'], path.join(work, 'tsc-init'));

  const checks = Object.entries(SETTINGS).map(([name, setting]) =>
    compileSetting({ app, work, name, setting, blocks }),
  );
  const jestBlocks = blocks.filter((block) => block.jest);
  const tests = jestBlocks.length > 0 ? runJestBlocks({ app, work, blocks: jestBlocks }) : undefined;
  const outcomes = await Promise.allSettled([...checks, ...(tests ? [tests] : [])]);
  const failures = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason);
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.map((failure) => failure.message).join('\n\n')}\n`);
    throw new Error(`${failures.length} of ${outcomes.length} README checks failed; the errors are above`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return {
    stdout: `${blocks.length} blocks (${jestBlocks.length} jest) in ${markdownPaths.length + typescriptFiles.length} files compile under ${Object.keys(SETTINGS).join(', ')}; canary caught in each; ${seconds} s`,
  };
}

/** What a Markdown file's blocks are called in the consumer project: README.md -> `readme`, docs/v4.md -> `docs-v4`. */
function fileSlug(file) {
  const inRepo = path.relative(repoRoot, file);
  const name = inRepo.startsWith('..') || path.isAbsolute(inRepo) ? path.basename(file) : inRepo;
  return name
    .replace(/\.md$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

async function compileSetting({ app, work, name, setting, blocks }) {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  const files = new Map(); // file name -> { block, offset } to map errors back to Markdown lines
  for (const block of blocks) {
    const { text, offset } = sourceFor(block);
    const file = `${block.file}${extensionFor(block, setting)}`;
    writeFileSync(path.join(dir, file), text);
    files.set(file, { block, offset });
  }
  const canaryFile = `${CANARY.name}${setting.extension}`;
  writeFileSync(path.join(dir, canaryFile), `${CANARY.code}export {};\n`);

  const config = {
    extends: setting.extends,
    compilerOptions: { ...setting.compilerOptions, ...CHECKED },
    files: [...files.keys(), canaryFile],
  };
  writeJson(path.join(dir, 'tsconfig.readme.json'), config);
  let output = '';
  try {
    await run(bin(app, 'tsc'), ['-p', 'tsconfig.readme.json', '--pretty', 'false'], dir, process.env, {
      quiet: true,
    });
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
  }
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line) && !setting.ignored?.test(line));
  const canaryErrors = errors.filter((line) => line.startsWith(`${canaryFile}(`));
  const others = errors.filter((line) => !line.startsWith(`${canaryFile}(`));
  const problems = others.map((line) => `  ${toMarkdownLocation(line, files)}`);
  if (canaryErrors.length !== 1 || !canaryErrors[0].includes(CANARY.error)) {
    problems.push(
      `  the canary (a block broken on purpose) was not reported as ${CANARY.error} exactly once: ${canaryErrors.length} errors`,
    );
  }
  if (problems.length > 0) throw new Error(`README blocks under ${name}:\n${problems.join('\n')}`);
}

/** The file a block becomes, and how many lines precede its first line of code. */
function sourceFor(block) {
  if (block.language === 'js') {
    if (block.prelude) throw new Error(`${block.source} line ${block.line}: preludes are for TypeScript blocks only`);
    return { text: block.code, offset: 0 };
  }
  const prelude = block.prelude === undefined ? '' : readPrelude(block.prelude, block);
  const offset = prelude === '' ? 0 : prelude.split('\n').length - 1;
  // Each block is a module of its own, as it is in a user's project.
  const testTypes = block.jest ? '/// <reference types="jest" />\n' : '';
  return { text: `${testTypes}${prelude}${block.code}export {};\n`, offset: offset + (testTypes ? 1 : 0) };
}

function extensionFor(block, setting) {
  if (block.language === 'ts') return setting.extension;
  // An ES module when it has a static import or export; CommonJS otherwise.
  return /^\s*(import|export)\b(?!\s*\()/m.test(block.code) ? '.mjs' : '.cjs';
}

function readPrelude(name, block) {
  const file = path.join(PRELUDES, `${name}.ts`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const known = readdirSync(PRELUDES).map((entry) => entry.replace(/\.ts$/, ''));
  throw new Error(
    `${block.source} line ${block.line}: no prelude \`${name}\` in test/fixtures/readme-preludes/ (${known.join(', ')})`,
  );
}

/** `readme-L12.mts(5,3): error TS2322: ...` -> `README.md:16:3 error TS2322: ...`. */
function toMarkdownLocation(line, files) {
  const match = /^([^(]+)\((\d+),(\d+)\): (.*)$/.exec(line);
  const entry = match && files.get(match[1]);
  if (!entry) return line;
  const codeLine = Number(match[2]) - 1 - entry.offset;
  if (codeLine < 0)
    return `prelude ${entry.block.prelude} (${entry.block.source} line ${entry.block.line}): ${match[4]}`;
  return `${entry.block.source}:${entry.block.line + codeLine}:${match[3]} ${match[4]}`;
}

/** Runs the jest blocks, stripped of their types, with the repository's jest, against the installed package. */
async function runJestBlocks({ app, work, blocks }) {
  const dir = path.join(work, 'jest');
  mkdirSync(dir, { recursive: true });
  for (const block of blocks) {
    const { outputText } = ts.transpileModule(block.code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: `${block.file}.ts`,
    });
    writeFileSync(path.join(dir, `${block.file}.test.js`), outputText);
  }
  const config = { rootDir: dir, testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.js'] };
  try {
    await run(
      process.execPath,
      [path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--ci'],
      app,
      process.env,
      { quiet: true },
    );
  } catch (error) {
    throw new Error(
      `README jest blocks (${blocks.map((b) => `${b.source}:${b.line}`).join(', ')}) failed:\n${error.stderr ?? error.message}`,
    );
  }
}
