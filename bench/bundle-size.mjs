#!/usr/bin/env node
// `npm run bench` (after run-bench.mjs): the bundle budget. What an app that creates a request token costs a
// browser, minified and gzipped as esbuild bundles it, split into axios and the package's own share; the same
// task with @lorenzopant/tmdb (fetch-based); and apps importing only helpers, which must take no byte of axios.
// Writes its section of BENCHMARKS.md. `--smoke` measures, checks the no-axios and no-Node-built-in rules, and
// writes nothing. Needs the build (dist/portable).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../scripts/lib/generator-config.mjs';
import { machineLine, table, writeSection } from './lib/report.mjs';

const smoke = process.argv.includes('--smoke');
const TARGET_OWN_BYTES = 6_000;
const TARGET_TOTAL_BYTES = 28_000;

const APPS = {
  login: `import { TmdbAuthClient } from 'tmdb-auth-client';
    new TmdbAuthClient({ apiKey: 'k' }).createRequestToken().then((t) => console.log(t.requestToken));`,
  axios: `import axios from 'axios/dist/browser/axios.cjs';
    axios.create({ adapter: 'fetch', maxRedirects: 0 }).get('https://api.themoviedb.org/3/authentication/token/new').then((r) => console.log(r.data));`,
  peer: `import { TMDB } from '@lorenzopant/tmdb';
    new TMDB('k').authentication.create_request_token().then((t) => console.log(t.request_token));`,
  parseTmdbDate: `import { parseTmdbDate } from 'tmdb-auth-client'; console.log(parseTmdbDate('2016-08-26 17:04:39 UTC'));`,
  parseApprovalRedirect: `import { parseApprovalRedirect } from 'tmdb-auth-client'; console.log(parseApprovalRedirect(location.href));`,
};

// A scratch project that sees the package as an app does (by name, through its exports), with the repository's
// node_modules for everything else.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-bundle-size-'));
mkdirSync(path.join(scratch, 'node_modules'));
symlinkSync(repoRoot, path.join(scratch, 'node_modules', 'tmdb-auth-client'), 'dir');
for (const name of ['axios', '@lorenzopant']) {
  symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(scratch, 'node_modules', name), 'dir');
}

async function measure(source, options = { platform: 'browser' }) {
  const result = await build({
    stdin: { contents: source, resolveDir: scratch, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  const usesAxios = Object.entries(output.inputs).some(
    ([file, input]) => file.includes('axios') && input.bytesInOutput > 0,
  );
  const builtins = output.imports.map((entry) => entry.path).filter((specifier) => isBuiltin(specifier));
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, usesAxios, builtins };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

try {
  const login = await measure(APPS.login);
  const workerd = await measure(APPS.login, { platform: 'neutral', conditions: ['workerd', 'worker'] });
  const axiosAlone = await measure(APPS.axios);
  const peer = await measure(APPS.peer);
  const helpers = {
    parseTmdbDate: await measure(APPS.parseTmdbDate),
    parseApprovalRedirect: await measure(APPS.parseApprovalRedirect),
  };
  const own = login.gzipped - axiosAlone.gzipped;

  const problems = [
    ...Object.entries(helpers)
      .filter(([, size]) => size.usesAxios)
      .map(([name]) => `an app importing only ${name} pulls in axios`),
    ...[login, workerd]
      .filter((size) => size.builtins.length > 0)
      .map((size) => `a bundle imports ${size.builtins.join(', ')}`),
  ];

  const markdown = `## Bundle budget (\`npm run bench\`)

Machine: ${machineLine()}.

esbuild, \`--bundle --minify --format=esm --platform=browser\`, gzip level 9. The package's share is the login app
less an app that only makes the same request with axios's browser build (the axios this package loads outside
Node), both gzipped whole.

${table(
  ['app', 'minified', 'gzipped', 'axios in it'],
  [
    ['TmdbAuthClient + createRequestToken (browser)', kB(login.minified), kB(login.gzipped), 'yes'],
    ['the same, platform neutral + workerd condition', kB(workerd.minified), kB(workerd.gzipped), 'yes'],
    ['axios alone, the same request', kB(axiosAlone.minified), kB(axiosAlone.gzipped), 'yes'],
    ['**the package’s own share** (login less axios alone)', '', kB(own), ''],
    ['@lorenzopant/tmdb: authentication.create_request_token()', kB(peer.minified), kB(peer.gzipped), 'no (fetch)'],
    ...Object.entries(helpers).map(([name, size]) => [
      `only \`${name}\``,
      kB(size.minified),
      kB(size.gzipped),
      size.usesAxios ? 'yes' : 'no',
    ]),
  ],
)}

${table(
  ['target', 'measured', 'met'],
  [
    [`package's own share ≤ ${kB(TARGET_OWN_BYTES)}`, kB(own), own <= TARGET_OWN_BYTES ? 'yes' : 'no'],
    [
      `whole login app ≤ ${kB(TARGET_TOTAL_BYTES)}`,
      kB(login.gzipped),
      login.gzipped <= TARGET_TOTAL_BYTES ? 'yes' : 'no',
    ],
    [
      'helpers-only apps pull in no axios',
      problems.length === 0 ? 'none does' : problems.join('; '),
      problems.length === 0 ? 'yes' : 'no',
    ],
  ],
)}

Rerun: \`npm run bench\` (this part takes a few seconds).`;

  console.log(markdown);
  if (!smoke) writeSection('bundle', markdown);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
