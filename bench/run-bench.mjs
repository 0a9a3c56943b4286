#!/usr/bin/env node
// `npm run bench`: what the facade costs per call against raw node:http, a plain axios.get, the generated client
// and a peer library, all against one canned loopback server in this process; then single flight and footprint.
// Writes its section of BENCHMARKS.md. `--smoke` runs a few calls of each and writes nothing (CI).
import axios from 'axios';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { MovieDb } from 'moviedb-promise';
import { TmdbAuthClient } from 'tmdb-auth-client';
import { AuthenticationApi, Configuration } from 'tmdb-auth-client/generated';
import { startCannedServer } from './lib/canned-server.mjs';
import { machineLine, table, writeSection } from './lib/report.mjs';
import { fmt, median, summarize } from './lib/stats.mjs';

const smoke = process.argv.includes('--smoke');
const API_KEY = '0123456789abcdef0123456789abcdef';
const SETTINGS = smoke
  ? { rounds: 2, warmupRounds: 1, batch: { 1: 20, 64: 128 }, footprintRuns: 2, singleFlightCallers: 1_000 }
  : { rounds: 30, warmupRounds: 3, batch: { 1: 300, 64: 1_000 }, footprintRuns: 15, singleFlightCallers: 1_000 };

const server = await startCannedServer();
const url = `${server.baseUrl}/authentication/token/new?api_key=${API_KEY}`;

// The transport the facade gives axios by default: keep-alive, no follow-redirects layer.
const transportAxios = axios.create({ maxRedirects: 0, httpAgent: new http.Agent({ keepAlive: true }) });
const rawAgent = new http.Agent({ keepAlive: true });
const generated = new AuthenticationApi(new Configuration({ apiKey: API_KEY }), server.baseUrl, transportAxios);
const facadeShared = new TmdbAuthClient({ apiKey: API_KEY, baseUrl: server.baseUrl, axios: transportAxios });
const facadeDefault = new TmdbAuthClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
// moviedb-promise throttles to 50 requests/s by default and caches the token until it expires: the limit is
// lifted and the cache cleared before each call, so what is measured is its request path.
const movieDb = new MovieDb(API_KEY, `${server.baseUrl}/`, 1e9);

const CLIENTS = [
  { id: 'a', name: 'raw node:http (keep-alive)', call: () => rawGet(url) },
  { id: 'b', name: 'plain axios.get (default instance)', call: () => axios.get(url).then((r) => r.data) },
  {
    id: 'b2',
    name: 'axios.get on the facade transport (no redirects layer)',
    call: () => transportAxios.get(url).then((r) => r.data),
  },
  {
    id: 'c',
    name: 'generated client (facade transport)',
    call: () => generated.getNewAuthenticationToken().then((r) => r.data),
  },
  { id: 'd', name: 'facade, same axios instance as (c)', call: () => facadeShared.createRequestToken() },
  { id: 'd*', name: 'facade, default options', call: () => facadeDefault.createRequestToken() },
  {
    id: 'e',
    name: 'moviedb-promise requestToken()',
    call: () => {
      movieDb.token = undefined;
      return movieDb.requestToken();
    },
  },
];

function rawGet(target) {
  return new Promise((resolve, reject) => {
    http
      .get(target, { agent: rawAgent }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(data));
          } catch (error) {
            reject(error);
          }
        });
      })
      .on('error', reject);
  });
}

async function runBatch(client, calls, concurrency, sink) {
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next++;
      const started = performance.now();
      const result = await client.call();
      sink.push(performance.now() - started);
      if (!result?.request_token && !result?.requestToken) throw new Error(`${client.name} returned no token`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

async function measureLatency(concurrency) {
  const samples = new Map(CLIENTS.map((c) => [c.id, { latencies: [], elapsed: 0 }]));
  const batch = SETTINGS.batch[concurrency];
  for (let round = 0; round < SETTINGS.warmupRounds + SETTINGS.rounds; round++) {
    // Interleaved, in a new order each round, so drift in the machine's load spreads over every client.
    for (const client of shuffled(CLIENTS)) {
      const sink = [];
      const started = performance.now();
      await runBatch(client, batch, concurrency, sink);
      if (round < SETTINGS.warmupRounds) continue;
      const s = samples.get(client.id);
      s.latencies.push(...sink);
      s.elapsed += performance.now() - started;
    }
  }
  const results = CLIENTS.map((c) => ({ ...c, ...summarize(samples.get(c.id).latencies, samples.get(c.id).elapsed) }));
  const base = results.find((r) => r.id === 'b');
  return results.map((r) => ({ ...r, ratio: r.p50 / base.p50 }));
}

async function measureSingleFlight() {
  const client = new TmdbAuthClient({ apiKey: API_KEY, baseUrl: server.baseUrl });
  server.resetCount();
  const tokens = await Promise.all(
    Array.from({ length: SETTINGS.singleFlightCallers }, () => client.getValidRequestToken()),
  );
  return { callers: tokens.length, requests: server.requests, distinctTokens: new Set(tokens).size };
}

function coldLoadMs(statement, type) {
  const runs = [];
  for (let i = 0; i < SETTINGS.footprintRuns; i++) {
    const script =
      type === 'esm'
        ? `const t = process.hrtime.bigint(); await ${statement}; console.log(Number(process.hrtime.bigint() - t) / 1e6);`
        : `const t = process.hrtime.bigint(); ${statement}; console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
    const args = type === 'esm' ? ['--input-type=module', '-e', script] : ['-e', script];
    runs.push(Number(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim()));
  }
  return median(runs);
}

/** The npm packages a fresh process has loaded after requiring `specifier`. */
function packagesLoadedBy(specifier) {
  const script = `require(${JSON.stringify(specifier)});
    const names = Object.keys(require.cache).filter((f) => f.includes('/node_modules/')).map((f) => {
      const parts = f.split('/node_modules/').pop().split('/');
      return parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0];
    });
    console.log(JSON.stringify([...new Set(names)]));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** A package and everything it depends on, as installed. */
function dependencyClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = JSON.parse(readFileSync(path.join('node_modules', name, 'package.json'), 'utf8'));
  // Optional peers count: debug (under axios) loads supports-color whenever it is installed.
  for (const dep of Object.keys({
    ...manifest.dependencies,
    ...manifest.optionalDependencies,
    ...manifest.peerDependencies,
    ...manifest.peerDependenciesMeta,
  })) {
    if (existsSync(path.join('node_modules', dep, 'package.json'))) dependencyClosure(dep, seen);
  }
  return seen;
}

/** How much each part of the package adds to the tarball, gzipped on its own (so the parts do not sum exactly). */
function tarballParts(files) {
  const parts = [
    ['README.md, LICENSE, package.json', (f) => !f.startsWith('dist/')],
    ['main entry (dist/src, dist/src/internal), JavaScript', (f) => /^dist\/src\/(internal\/)?[^/]+\.js$/.test(f)],
    ['main entry (dist/src, dist/src/internal), declarations', (f) => /^dist\/src\/(internal\/)?[^/]+\.d\.ts$/.test(f)],
    ['portable build for browsers, workerd, Deno, Bun (dist/portable)', (f) => f.startsWith('dist/portable/')],
    ['generated client (dist/generated)', (f) => f.startsWith('dist/generated/')],
    ['emulator (dist/src/testing)', (f) => f.startsWith('dist/src/testing/')],
    ['command line (dist/src/cli)', (f) => f.startsWith('dist/src/cli/')],
    ['spec as JSON (dist/spec), ESM wrappers', (f) => f.startsWith('dist/spec/') || f.startsWith('dist/esm/')],
  ];
  return parts.map(([name, test]) => {
    const chosen = files.filter((f) => test(f.path));
    const bytes = Buffer.concat(chosen.map((f) => readFileSync(f.path)));
    return [name, chosen.length, gzipSync(bytes, { level: 9 }).length];
  });
}

function measureFootprint() {
  const pack = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
  )[0];
  const tree = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { encoding: 'utf8' });
  const runtimePackages = tree.stdout.trim().split('\n').slice(1).filter(Boolean).length;
  const mainLoads = packagesLoadedBy('tmdb-auth-client');
  const axiosTree = dependencyClosure('axios');
  return {
    tarballBytes: pack.size,
    unpackedBytes: pack.unpackedSize,
    files: pack.entryCount,
    parts: tarballParts(pack.files),
    directDependencies: Object.keys(
      JSON.parse(execFileSync('npm', ['pkg', 'get', 'dependencies'], { encoding: 'utf8' })),
    ),
    mainLoads,
    mainLoadsOnlyAxios: mainLoads.every((name) => axiosTree.has(name)),
    testingLoads: packagesLoadedBy('tmdb-auth-client/testing'),
    runtimePackages,
    load: [
      ['axios alone, require', coldLoadMs("require('axios')", 'cjs')],
      ['tmdb-auth-client, require', coldLoadMs("require('tmdb-auth-client')", 'cjs')],
      ['axios alone, import', coldLoadMs("import('axios')", 'esm')],
      ['tmdb-auth-client, import', coldLoadMs("import('tmdb-auth-client')", 'esm')],
    ],
  };
}

function latencyTable(results) {
  return table(
    ['client', 'p50', 'p99', 'throughput', 'p50 vs (b)'],
    results.map((r) => [
      `(${r.id}) ${r.name}`,
      fmt.ms(r.p50),
      fmt.ms(r.p99),
      fmt.rate(r.throughput),
      fmt.ratio(r.ratio),
    ]),
  );
}

try {
  const c1 = await measureLatency(1);
  const c64 = await measureLatency(64);
  const flight = await measureSingleFlight();
  const footprint = measureFootprint();

  const p50 = (results, id) => results.find((r) => r.id === id).p50;
  const facadeVsAxios = p50(c1, 'd*') / p50(c1, 'b');
  const facadeVsGenerated = p50(c1, 'd') / p50(c1, 'c') - 1;
  const targets = table(
    ['target', 'measured', 'met'],
    [
      [
        'facade (default) p50 ≤ 0.85x plain axios.get, concurrency 1',
        fmt.ratio(facadeVsAxios),
        facadeVsAxios <= 0.85 ? 'yes' : 'no',
      ],
      [
        'facade within 5% of the generated client on the same axios instance (p50, concurrency 1)',
        `${(facadeVsGenerated * 100).toFixed(1)}%`,
        facadeVsGenerated <= 0.05 ? 'yes' : 'no',
      ],
      [
        `single flight: ${flight.callers} concurrent getValidRequestToken() → 1 request`,
        `${flight.requests} request(s)`,
        flight.requests === 1 ? 'yes' : 'no',
      ],
      [
        'tarball ≤ 40 kB',
        `${(footprint.tarballBytes / 1000).toFixed(1)} kB`,
        footprint.tarballBytes <= 40_000 ? 'yes' : 'no',
      ],
      [
        'axios the only runtime dependency of the main entry',
        `loads axios and ${footprint.mainLoads.length - 1} packages of its own tree`,
        footprint.mainLoadsOnlyAxios ? 'yes' : 'no',
      ],
    ],
  );

  const markdown = `## Latency and throughput (\`npm run bench\`)

Machine: ${machineLine()}.

\`createRequestToken\` (GET /authentication/token/new) against a canned loopback server in the same process,
keep-alive on. ${SETTINGS.rounds} interleaved rounds after ${SETTINGS.warmupRounds} warm-up rounds; each round runs every
client in a new random order. Ratios are p50 against (b).

### Concurrency 1 (${SETTINGS.rounds * SETTINGS.batch[1]} calls per client)

${latencyTable(c1)}

### Concurrency 64 (${SETTINGS.rounds * SETTINGS.batch[64]} calls per client)

${latencyTable(c64)}

(e) moviedb-promise's base URL can be set (its constructor's second argument); its 50 requests/s throttle was
lifted and its token cache cleared before each call, so its request path is what is measured.

### Targets

${targets}

### Single flight

${flight.callers} concurrent \`getValidRequestToken()\` calls on a fresh client: ${flight.requests} request(s) reached the server;
${flight.distinctTokens} distinct token object(s) were handed out.

### Footprint

- Packed tarball: ${(footprint.tarballBytes / 1000).toFixed(1)} kB (${footprint.files} files, ${(footprint.unpackedBytes / 1000).toFixed(1)} kB unpacked).
- Where the tarball's bytes go (each part gzipped alone):

${table(
  ['part', 'files', 'gzipped'],
  footprint.parts.map(([name, files, bytes]) => [name, String(files), `${(bytes / 1000).toFixed(1)} kB`]),
)}

- Runtime dependencies: ${footprint.directDependencies.join(', ')} (direct); ${footprint.runtimePackages} packages in the production tree.
  \`require('tmdb-auth-client')\` loads ${footprint.mainLoads.length} packages, all axios and its own dependencies;
  \`require('tmdb-auth-client/testing')\` adds ${footprint.testingLoads.join(', ')} (the emulator's spec validation).
- Cold load time, median of ${SETTINGS.footprintRuns} fresh processes:

${table(
  ['what', 'time'],
  footprint.load.map(([what, ms]) => [what, fmt.ms(ms)]),
)}

Rerun: \`npm run bench\` (about two minutes; it builds first).`;

  console.log(markdown);
  if (!smoke) writeSection('bench', markdown);
  if (flight.requests !== 1) process.exitCode = 1;
} finally {
  await server.close();
  rawAgent.destroy();
}
