#!/usr/bin/env node
// `npm run test:consumer`: installs the packed tarball into a fresh project, as a user would, and checks that it
// works there: require() from CommonJS and import from ESM (each making a real call to a local server), a
// TypeScript consumer compiled with moduleResolution node16 and bundler, the whole v4 flow against the packaged
// emulator (generated client, tmdb.v4, then a v3 session from the access token), publint and attw on the tarball,
// every jest suite (the runtime tests too) run against the installed copy instead of the sources, and every code
// block of the README (scripts/lib/readme-blocks.mjs) compiled, and run where it is a test, in the same installed
// project.
// The consumer files live in scripts/consumer-fixture/.
//
// `npm run test:readme` is `--readme-only`: the pack, the install and the README-blocks check alone. `--readme <file>`
// (repeatable) checks other Markdown files instead of README.md and docs/*.md (a copy with a broken block).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { bin, installTarball, packTarball, run, writeJson } from './lib/consumer-project.mjs';
import { repoRoot } from './lib/generator-config.mjs';
import { checkReadmeBlocks } from './lib/readme-blocks.mjs';

const API_KEY = '0123456789abcdef0123456789abcdef';
const REQUEST_TOKEN = 'ff5c7eeb5a8870efe3cd7fc5c282cffd26800ecd';
const fixtures = path.join(repoRoot, 'scripts', 'consumer-fixture');

const { values } = parseArgs({
  options: { 'readme-only': { type: 'boolean', default: false }, readme: { type: 'string', multiple: true } },
});
const everything = !values['readme-only'];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-consumer-'));
const app = path.join(scratch, 'app');
const results = [];
let server;
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
    // The same TypeScript file is compiled as CommonJS (.ts in a "commonjs" package) and as an ES module (.mts).
    cpSync(path.join(app, 'consumer.ts'), path.join(app, 'consumer.mts'));
    await installTarball(app, tarball);
  });

  await step('every README and docs/ code block: type-checked under four settings, tests run', () =>
    checkReadmeBlocks({ app, ...(values.readme ? { markdownPaths: values.readme.map((f) => path.resolve(f)) } : {}) }),
  );
  if (everything) {
    server = await startFakeTmdb();
    const env = {
      ...process.env,
      TMDB_API_KEY: API_KEY,
      TMDB_BASE_URL: `http://127.0.0.1:${server.address().port}/3`,
      EXPECTED_REQUEST_TOKEN: REQUEST_TOKEN,
    };
    await step('require() from CommonJS, with a real call', () => run(process.execPath, ['consumer.cjs'], app, env));
    await step('import from an ES module, with a real call', () => run(process.execPath, ['consumer.mjs'], app, env));
    await step('the whole v4 flow against the emulator, then a v3 session from its access token', () =>
      run(process.execPath, ['consumer-v4.mjs'], app, env),
    );

    for (const [name, compilerOptions, files] of [
      ['node16', { module: 'node16', moduleResolution: 'node16' }, ['consumer.ts', 'consumer.mts']],
      ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, ['consumer.ts']],
    ]) {
      await step(`tsc with moduleResolution ${name} (${files.join(', ')})`, () => {
        const config = `tsconfig.${name}.json`;
        writeJson(path.join(app, config), {
          compilerOptions: { ...compilerOptions, target: 'es2022', strict: true, noEmit: true, types: ['node'] },
          files,
        });
        return run(bin(app, 'tsc'), ['-p', config], app);
      });
    }

    await step('every jest suite, against the installed package instead of the sources', () =>
      run(bin(repoRoot, 'jest'), ['--silent'], repoRoot, {
        ...process.env,
        TMDB_AUTH_CLIENT_UNDER_TEST: path.join(app, 'node_modules', 'tmdb-auth-client'),
      }),
    );
    await step('the runtime tests (Chromium, workerd, Deno, Bun), against the installed package', () =>
      run(bin(repoRoot, 'jest'), ['--silent', '--runInBand', 'test/runtimes'], repoRoot, {
        ...process.env,
        TMDB_RUNTIME_TESTS: '1',
        TMDB_AUTH_CLIENT_UNDER_TEST: path.join(app, 'node_modules', 'tmdb-auth-client'),
      }),
    );
  }
} catch {
  // The failing step has been reported; the summary below says which.
} finally {
  server?.close();
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

/** A loopback stand-in for TMDb: just the answers the consumers ask for, and TMDb's 401 without the key. */
function startFakeTmdb() {
  const answers = {
    'GET /3/authentication/token/new': [
      200,
      { success: true, expires_at: '2030-01-01 00:00:00 UTC', request_token: REQUEST_TOKEN },
    ],
    'GET /3/authentication': [200, { success: true, status_code: 1, status_message: 'Success.' }],
    'POST /3/authentication/session/new': [
      401,
      { success: false, status_code: 41, status_message: 'The request token has not been approved by the user.' },
    ],
  };
  const fake = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const answer =
      url.searchParams.get('api_key') !== API_KEY
        ? [401, { success: false, status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.' }]
        : (answers[`${request.method} ${url.pathname}`] ?? [
            404,
            { success: false, status_code: 34, status_message: 'Not found.' },
          ]);
    request.resume();
    request.on('end', () => {
      response.writeHead(answer[0], { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer[1]));
    });
  });
  return new Promise((resolve) => fake.listen(0, '127.0.0.1', () => resolve(fake)));
}

/** The verdict line of a tool's output ("No problems found", "All good!"), else its last line. */
function summaryLine(text) {
  // ANSI colour codes: some tools print them even into a pipe.
  const lines = stripVTControlCharacters(text).trim().split('\n').filter(Boolean);
  return lines.find((line) => /no problems|all good/i.test(line))?.trim() ?? lines.pop() ?? '';
}
