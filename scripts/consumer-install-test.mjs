#!/usr/bin/env node
// `npm run test:consumer` (CONTRIBUTING.md, "The package works when installed"): installs the packed tarball into a
// fresh project from test/fixtures/consumer-project/, as a user would, and checks it there: publint and attw, require()
// and import with real calls to its emulator, the v4 flow, consumer.ts and every README block (lib/readme-blocks.mjs),
// and every jest suite against the installed copy. `--readme-only` (`npm run test:readme`) packs, installs and checks
// the README blocks alone; `--readme <file>` (repeatable) checks those Markdown files instead of README.md and docs/.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { bin, installTarball, packTarball, run } from './lib/consumer-project.mjs';
import { repoRoot } from './lib/generator-config.mjs';
import { checkReadmeBlocks } from './lib/readme-blocks.mjs';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'consumer-project');

const { values } = parseArgs({
  options: { 'readme-only': { type: 'boolean', default: false }, readme: { type: 'string', multiple: true } },
});
const everything = !values['readme-only'];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-consumer-'));
const app = path.join(scratch, 'app');
const results = [];
let emulator;
try {
  const tarball = await step('npm pack (prepack builds dist/)', () => packTarball(scratch));
  if (everything) {
    await step('publint --strict reports no problems', () =>
      run(bin(repoRoot, 'publint'), ['run', tarball, '--strict'], repoRoot),
    );
    await step('@arethetypeswrong/cli reports no problems', () =>
      run(bin(repoRoot, 'attw'), [tarball, '--format', 'ascii', '--no-color'], repoRoot),
    );
  }

  await step('install the tarball into a fresh project', async () => {
    cpSync(fixtures, app, { recursive: true });
    await installTarball(app, tarball);
  });

  const markdownPaths = values.readme?.map((file) => path.resolve(file)); // undefined: README.md and docs/*.md
  const typescriptFiles = everything ? [path.join(fixtures, 'consumer.ts')] : [];
  await step(
    `every README and docs/ code block${everything ? ' and consumer.ts' : ''}: type-checked under four settings, tests run`,
    () => checkReadmeBlocks({ app, markdownPaths, typescriptFiles }),
  );
  if (everything) {
    // The consumers call the installed package's own emulator (on loopback), as a user's tests would.
    const testing = createRequire(path.join(app, 'package.json'))('tmdb-auth-client/testing');
    emulator = await testing.startTmdbEmulator();
    const env = { ...process.env, TMDB_API_KEY: testing.EMULATOR_API_KEY, TMDB_BASE_URL: emulator.baseUrl };
    const node = (file) => () => run(process.execPath, [file], app, { env });
    await step('require() from CommonJS, with a real call', node('consumer.cjs'));
    await step('import from an ES module, with a real call', node('consumer.mjs'));
    await step('the v4 flow against the emulator, then a v3 session from its access token', node('consumer-v4.mjs'));

    const underTest = { TMDB_AUTH_CLIENT_UNDER_TEST: path.join(app, 'node_modules', 'tmdb-auth-client') };
    const jest = (args, more) => () =>
      run(bin(repoRoot, 'jest'), ['--silent', ...args], repoRoot, { env: { ...process.env, ...underTest, ...more } });
    await step('every jest suite, against the installed package instead of the sources', jest([]));
    await step(
      'the runtime tests (Chromium, workerd, Deno, Bun), against the installed package',
      jest(['--runInBand', 'test/runtimes'], { TMDB_RUNTIME_TESTS: '1' }),
    );
  }
} catch {
  // The failing step has been reported; the summary below says which.
} finally {
  await emulator?.close();
}

console.log('\nconsumer install test:');
for (const result of results)
  console.log(`  ${result.ok ? 'ok  ' : 'FAIL'}  ${result.name}${result.note ? `: ${result.note}` : ''}`);
const failed = results.some((result) => !result.ok);
if (failed) {
  console.log(`\nThe consumer project is kept for inspection at ${app}`);
  process.exitCode = 1;
} else {
  rmSync(scratch, { recursive: true, force: true });
}

async function step(name, action) {
  try {
    const value = await action();
    results.push({ name, ok: true, note: typeof value === 'object' && value?.stdout ? summaryLine(value.stdout) : '' });
    return value;
  } catch (error) {
    results.push({ name, ok: false, note: error.message });
    throw error;
  }
}

/** The verdict line of a tool's output ("No problems found", "All good!"), else its last line. */
function summaryLine(text) {
  // ANSI colour codes: some tools print them even into a pipe.
  const lines = stripVTControlCharacters(text).trim().split('\n').filter(Boolean);
  return lines.find((line) => /no problems|all good/i.test(line))?.trim() ?? lines.pop() ?? '';
}
