// The README-blocks test (CONTRIBUTING.md, "The README-blocks test"): every ```ts and ```js block of README.md and
// docs/*.md type-checked in a consumer project where the packed tarball is installed, under four compiler settings,
// each with a canary that must fail. A block after `<!-- readme-check: prelude=NAME -->` is compiled after
// test/fixtures/readme-preludes/NAME.ts; one after `<!-- readme-check: jest -->` is also run with jest.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromMarkdown } from 'mdast-util-from-markdown';
import ts from 'typescript';
import { bin, run, writeJson } from './consumer-project.mjs';
import { repoRoot } from './generator-config.mjs';

const PRELUDES = path.join(repoRoot, 'test', 'fixtures', 'readme-preludes');
const DOCS = path.join(repoRoot, 'docs');
const DIRECTIVE = /^<!--\s*readme-check:\s*(.*?)\s*-->$/;
const LANGUAGES = new Map(Object.entries({ ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' }));
const CANARY = { code: "const canary: number = 'a block broken on purpose';\nexport {};\n", error: 'TS2322' };

/** What every setting checks: JavaScript too, the package's own declarations too, nothing emitted. */
const CHECKED = { noEmit: true, skipLibCheck: false, types: ['node'], allowJs: true, checkJs: true };
const STRICT = { target: 'es2022', strict: true };

/** The four settings: compiler options, and the file extension a TypeScript block gets. */
const SETTINGS = {
  nodenext: { extension: '.mts', compilerOptions: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext' } },
  bundler: { extension: '.ts', compilerOptions: { ...STRICT, module: 'esnext', moduleResolution: 'bundler' } },
  node10: {
    extension: '.ts',
    // CommonJS has no top-level await: a user wraps such a block in a function, and only that complaint goes.
    ignored: /error TS(1378|1432):/,
    compilerOptions: { ...STRICT, module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true },
  },
  // Exactly what the installed compiler's `tsc --init` writes in this setting's folder.
  'tsc-init': { extension: '.mts', init: true, extends: './tsconfig.json', compilerOptions: {} },
};

/** The language of a ```ts or ```js block; undefined for any other node. */
const checked = (node) => node?.type === 'code' && LANGUAGES.get(node.lang?.toLowerCase());

/** A file's name in the consumer project: README.md -> `README-md`, docs/v4.md -> `docs-v4-md`. */
const slug = (file) => path.relative(repoRoot, file).replace(/[^a-z0-9]+/gi, (run, at) => (at > 0 ? '-' : ''));

/** README.md, then every docs/*.md page: the Markdown files whose blocks users copy. */
export function userDocs() {
  const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((name) => name.endsWith('.md')) : [];
  return [path.join(repoRoot, 'README.md'), ...pages.sort().map((name) => path.join(DOCS, name))];
}

/**
 * The ```ts and ```js blocks of a Markdown text (`line`: the Markdown line of their first line of code), each with
 * the directive of the readme-check comment right before it: its previous sibling in the CommonMark tree, so blocks
 * in list items count too.
 */
export function extractBlocks(markdown, name) {
  const lines = markdown.split('\n');
  const blocks = [];
  const walk = ({ children = [] }) =>
    children.forEach((node, index) => {
      walk(node);
      const line = node.position.start.line;
      const next = children[index + 1];
      if (node.type === 'html' && DIRECTIVE.test(node.value) && !checked(next)) {
        const found = next?.type === 'code' ? `a \`\`\`${next.lang ?? ''} block` : `a ${next?.type ?? 'section end'}`;
        throw new Error(`${name}:${line}: a readme-check comment before ${found}, not a \`\`\`ts or \`\`\`js block`);
      }
      // CommonMark closes an unclosed fence at the end of its container: it would swallow the blocks after it.
      const fence = node.type === 'code' && /^[\s>]*(`{3,}|~{3,})/.exec(lines[line - 1])?.[1];
      const close = fence && new RegExp(`^[\\s>]*\\${fence[0]}{${fence.length},}\\s*$`);
      if (fence && (node.position.end.line === line || !close.test(lines[node.position.end.line - 1])))
        throw new Error(`${name}:${line}: the code block is never closed`);
      const language = checked(node);
      if (!language) return;
      const before = children[index - 1];
      const directive = before?.type === 'html' ? DIRECTIVE.exec(before.value)?.[1] : undefined;
      const where = `${name}:${before?.position.start.line}`;
      blocks.push({ line: line + 1, language, code: `${node.value}\n`, ...parseDirective(directive, language, where) });
    });
  walk(fromMarkdown(markdown));
  return blocks;
}

function parseDirective(text = '', language, where) {
  const parsed = { prelude: undefined, jest: false };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const prelude = /^prelude=([\w-]+)$/.exec(word)?.[1];
    if (word === 'jest') parsed.jest = true;
    else if (!prelude) throw new Error(`${where}: unknown readme-check directive \`${word}\` (prelude=<name>, jest)`);
    else if (language !== 'ts') throw new Error(`${where}: preludes are for TypeScript blocks only`);
    else if (existsSync(path.join(PRELUDES, `${prelude}.ts`))) parsed.prelude = prelude;
    else {
      const known = readdirSync(PRELUDES).map((file) => file.replace(/\.ts$/, ''));
      throw new Error(`${where}: no prelude \`${prelude}\` in test/fixtures/readme-preludes/ (${known.join(', ')})`);
    }
  }
  return parsed;
}

/**
 * Compiles (and, for jest blocks, runs) every block of `markdownPaths`, and each of `typescriptFiles` whole, in `app`,
 * where the tarball is installed. Resolves with a one-line summary; rejects, listing every error by Markdown file and
 * line, when a block does not compile under a setting, a jest block fails, or a canary goes unreported.
 */
export async function checkReadmeBlocks({ app, markdownPaths = userDocs(), typescriptFiles = [] }) {
  const started = Date.now();
  const blocks = [...markdownPaths, ...typescriptFiles].flatMap((file) => {
    const source = path.relative(process.cwd(), file);
    const text = readFileSync(file, 'utf8');
    // A TypeScript file (the consumer fixture) is one block, whole.
    const found = file.endsWith('.ts')
      ? [{ line: 1, language: 'ts', code: text, jest: false }]
      : extractBlocks(text, source);
    return found.map((block) => ({ ...block, ...sourceFor(block), source, file: `${slug(file)}-L${block.line}` }));
  });
  // A page may have no code (docs/cli.md); all of them together having none means the extraction is broken.
  if (blocks.length === 0) throw new Error(`no \`\`\`ts or \`\`\`js block in ${markdownPaths.join(', ')}`);
  const work = path.join(app, 'readme-blocks');
  rmSync(work, { recursive: true, force: true });

  const checks = Object.entries(SETTINGS).map(([name, setting]) => compileSetting(app, work, name, setting, blocks));
  const jestBlocks = blocks.filter((block) => block.jest);
  if (jestBlocks.length > 0) checks.push(runJestBlocks(app, work, jestBlocks));
  const failures = (await Promise.allSettled(checks)).filter((outcome) => outcome.status === 'rejected');
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.map((failure) => failure.reason.message).join('\n\n')}\n`);
    throw new Error(`${failures.length} of ${checks.length} README checks failed; the errors are above`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return {
    stdout: `${blocks.length} blocks (${jestBlocks.length} jest) in ${markdownPaths.length + typescriptFiles.length} files compile under ${Object.keys(SETTINGS).join(', ')}; canary caught in each; ${seconds} s`,
  };
}

/** A block's file: a module of its own, as in a user's project; `offset`, the lines before the block's code. */
function sourceFor(block) {
  if (block.language === 'js') return { text: block.code, offset: 0 };
  const prelude = block.prelude ? readFileSync(path.join(PRELUDES, `${block.prelude}.ts`), 'utf8') : '';
  const head = `${block.jest ? '/// <reference types="jest" />\n' : ''}${prelude}`;
  return { text: `${head}${block.code}export {};\n`, offset: head.split('\n').length - 1 };
}

async function compileSetting(app, work, name, setting, blocks) {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  if (setting.init) await run(bin(app, 'tsc'), ['--init'], dir);
  // A ```js block is an ES module when it has a static import or export, CommonJS otherwise.
  const extension = (block) =>
    block.language === 'ts' ? setting.extension : /^\s*(import|export)\b(?!\s*\()/m.test(block.code) ? '.mjs' : '.cjs';
  const files = new Map(blocks.map((block) => [`${block.file}${extension(block)}`, block]));
  for (const [file, block] of files) writeFileSync(path.join(dir, file), block.text);
  const canary = `canary${setting.extension}`;
  writeFileSync(path.join(dir, canary), CANARY.code);
  const config = { extends: setting.extends, compilerOptions: { ...setting.compilerOptions, ...CHECKED } };
  writeJson(path.join(dir, 'tsconfig.readme.json'), { ...config, files: [...files.keys(), canary] });

  const tsc = run(bin(app, 'tsc'), ['-p', 'tsconfig.readme.json', '--pretty', 'false'], dir, { quiet: true });
  const output = await tsc.then(() => '').catch((error) => `${error.stdout}${error.stderr}`);
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line) && !setting.ignored?.test(line));
  const canaryErrors = errors.filter((line) => line.startsWith(`${canary}(`));
  const problems = errors
    .filter((line) => !line.startsWith(`${canary}(`))
    .map((line) => `  ${toMarkdownLocation(line, files)}`);
  if (canaryErrors.length !== 1 || !canaryErrors[0].includes(CANARY.error))
    problems.push(`  the canary (broken on purpose) gave ${canaryErrors.length} errors, not one ${CANARY.error}`);
  if (problems.length > 0) throw new Error(`README blocks under ${name}:\n${problems.join('\n')}`);
}

/** `README-md-L12.mts(5,3): error TS2322: ...` -> `README.md:16:3 error TS2322: ...`. */
function toMarkdownLocation(line, files) {
  const match = /^([^(]+)\((\d+),(\d+)\): (.*)$/.exec(line);
  const block = match && files.get(match[1]);
  if (!block) return line;
  const codeLine = Number(match[2]) - 1 - block.offset;
  if (codeLine < 0) return `prelude ${block.prelude} (${block.source} line ${block.line}): ${match[4]}`;
  return `${block.source}:${block.line + codeLine}:${match[3]} ${match[4]}`;
}

/** Runs the jest blocks, stripped of their types, with the repository's jest, against the installed package. */
async function runJestBlocks(app, work, blocks) {
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
    await run(bin(repoRoot, 'jest'), ['--config', JSON.stringify(config), '--ci'], app, { quiet: true });
  } catch (error) {
    const where = blocks.map((block) => `${block.source}:${block.line}`).join(', ');
    throw new Error(`README jest blocks (${where}) failed:\n${error.stderr}`);
  }
}
