#!/usr/bin/env node
// `npm run bench` (second part): bursts of calls against the emulator limited like TMDb (requests per second per
// IP, 20 connections), for the facade with its rate gate, without it, and two peer libraries, side by side.
// Writes its section of BENCHMARKS.md. `--smoke` runs 40 calls at a higher limit and writes nothing (CI).
// Traffic goes to 127.0.0.1 only, and every run is bounded in calls and in time.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import axios from 'axios';
import { MovieDb } from 'moviedb-promise';
import { TMDB } from '@lorenzopant/tmdb';
import { TmdbAuthClient } from 'tmdb-auth-client';
import { EMULATOR_API_KEY, EMULATOR_USER, startTmdbEmulator } from 'tmdb-auth-client/testing';
import { onlyRows } from './lib/only-rows.mjs';
import { machineLine, table, writeSection } from './lib/report.mjs';

const smoke = process.argv.includes('--smoke');
const RATE = smoke ? 200 : 40;
const CONNECTIONS = 20;
const TOKEN_CALLS = smoke ? 40 : 1_000;
const LOGIN_FLOWS = smoke ? 10 : 200;
// A run still going after this is cut off and its unfinished calls counted as failed.
const RUN_LIMIT_MS = smoke ? 20_000 : 120_000;
const { username, password } = EMULATOR_USER;

let unhandled = 0;
process.on('unhandledRejection', () => unhandled++);

/** Each client: how to make one, how to create a request token, how to log a user in. */
const CLIENTS = [
  {
    name: 'facade, default (rate gate on, maxConcurrency 20)',
    make: (baseUrl) => new TmdbAuthClient({ apiKey: EMULATOR_API_KEY, baseUrl }),
    token: (c) => c.createRequestToken(),
    login: (c) => c.login({ username, password }),
  },
  {
    name: 'facade, `rateGate: false` (agents still capped at 20 sockets)',
    make: (baseUrl) => new TmdbAuthClient({ apiKey: EMULATOR_API_KEY, baseUrl, rateGate: false }),
    token: (c) => c.createRequestToken(),
    login: (c) => c.login({ username, password }),
  },
  {
    name: 'facade, `rateGate: false`, uncapped keep-alive agent (as in 0.1.0)',
    make: (baseUrl) =>
      new TmdbAuthClient({
        apiKey: EMULATOR_API_KEY,
        baseUrl,
        rateGate: false,
        axios: axios.create({ maxRedirects: 0, httpAgent: new http.Agent({ keepAlive: true }) }),
      }),
    token: (c) => c.createRequestToken(),
    login: (c) => c.login({ username, password }),
  },
  {
    name: 'moviedb-promise 4.0.8 (its default 50 requests/s throttle)',
    make: (baseUrl) => new MovieDb(EMULATOR_API_KEY, `${baseUrl}/`),
    // It caches one token per client; each call here asks for a new one, as the facade's calls do.
    token: (c) => {
      c.token = undefined;
      return c.requestToken();
    },
    // No login method: its request path, with the POST forms (api_key in the query, where TMDb reads it).
    login: async (c) => {
      const query = { params: { api_key: EMULATOR_API_KEY } };
      const { request_token } = await c.makeRequest('get', 'authentication/token/new');
      await c.makeRequest(
        'post',
        'authentication/token/validate_with_login',
        { username, password, request_token },
        query,
      );
      return c.makeRequest('post', 'authentication/session/new', { request_token }, query);
    },
  },
  {
    name: '@lorenzopant/tmdb 1.26.0 (`rate_limit: true`, `retry: true`)',
    make: (baseUrl) => {
      // Identical concurrent GETs are deduplicated by default: off, so each call sends its own request.
      const tmdb = new TMDB(EMULATOR_API_KEY, { rate_limit: true, retry: true, deduplication: false });
      // No option sets its base URL (it is built from `https://api.themoviedb.org/`); the bench sets the
      // internal field it reads.
      tmdb.client.baseUrl = baseUrl;
      return tmdb;
    },
    token: (c) => c.authentication.create_request_token(),
    login: async (c) => {
      const { request_token } = await c.authentication.create_request_token();
      await c.authentication.create_session_with_login({ username, password, request_token });
      return c.authentication.create_session({ request_token });
    },
  },
];

const WORKLOADS = [
  { name: `${TOKEN_CALLS} concurrent createRequestToken`, calls: TOKEN_CALLS, requestsPerCall: 1, run: 'token' },
  { name: `${LOGIN_FLOWS} concurrent login flows`, calls: LOGIN_FLOWS, requestsPerCall: 3, run: 'login' },
];

async function measure(clientSpec, workload) {
  const emulator = await startTmdbEmulator({
    rateLimit: { requestsPerSecond: RATE },
    maxConnections: CONNECTIONS,
  });
  try {
    const client = clientSpec.make(emulator.baseUrl);
    let failed = 0;
    const errors = new Map();
    let timer;
    const cutOff = new Promise((resolve) => {
      timer = setTimeout(() => resolve('cut off'), RUN_LIMIT_MS);
    });
    const started = performance.now();
    const outcomes = await Promise.race([
      Promise.all(
        Array.from({ length: workload.calls }, () =>
          clientSpec[workload.run](client).then(
            () => 'ok',
            (error) => {
              failed++;
              const name = error?.code ?? error?.name ?? 'unknown';
              errors.set(name, (errors.get(name) ?? 0) + 1);
              return 'failed';
            },
          ),
        ),
      ),
      cutOff,
    ]);
    const elapsedMs = performance.now() - started;
    clearTimeout(timer);
    const cut = outcomes === 'cut off';
    const requests = emulator.requests.length;
    const limited = emulator.requests.filter((r) => r.status === 429).length;
    const idealMs = ((workload.calls * workload.requestsPerCall) / RATE) * 1000;
    return {
      client: clientSpec.name,
      workload: workload.name,
      failed: cut ? `${failed} (cut off at ${RUN_LIMIT_MS / 1000} s)` : String(failed),
      failedCount: failed,
      errors: [...errors].map(([k, v]) => `${k}: ${v}`).join(', '),
      requests,
      limited,
      limitedShare: requests === 0 ? 0 : limited / requests,
      refused: emulator.refusedConnections,
      violations: emulator.violations.length,
      elapsedMs,
      ratio: elapsedMs / idealMs,
      idealMs,
      cut,
    };
  } finally {
    await emulator.close();
  }
}

// `--only=0,1` runs only those clients (by position), for tuning; the report is written only for a full run.
const only = onlyRows();
const results = [];
for (const workload of WORKLOADS) {
  for (const clientSpec of CLIENTS.filter((_, i) => !only || only.includes(i))) {
    const result = await measure(clientSpec, workload);
    results.push(result);
    console.error(
      `${workload.name} | ${clientSpec.name}: failed ${result.failed}, ${result.limited}/${result.requests} 429, refused ${result.refused}, ${(result.elapsedMs / 1000).toFixed(1)} s (${result.ratio.toFixed(2)}x)`,
    );
  }
}

const pct = (v) => `${(v * 100).toFixed(1)}%`;
const sections = WORKLOADS.map((workload) => {
  const rows = results.filter((r) => r.workload === workload.name);
  return `### ${workload.name} (ideal ${(rows[0].idealMs / 1000).toFixed(1)} s)

${table(
  ['client', 'failed calls', 'requests', 'answered 429', 'connections refused', 'time', 'vs ideal', 'errors'],
  rows.map((r) => [
    r.client,
    r.failed,
    String(r.requests),
    `${r.limited} (${pct(r.limitedShare)})`,
    String(r.refused),
    `${(r.elapsedMs / 1000).toFixed(1)} s`,
    `${r.ratio.toFixed(2)}x`,
    r.errors || '—',
  ]),
)}`;
});

const facade = results.filter((r) => r.client === CLIENTS[0].name);
const targets = table(
  ['target (facade, default)', ...WORKLOADS.map((w) => w.name), 'met'],
  [
    [
      '0 failed calls',
      ...facade.map((r) => String(r.failedCount)),
      facade.every((r) => r.failedCount === 0) ? 'yes' : 'no',
    ],
    [
      '≤ 2% of requests answered 429',
      ...facade.map((r) => pct(r.limitedShare)),
      facade.every((r) => r.limitedShare <= 0.02) ? 'yes' : 'no',
    ],
    [
      '0 connections refused',
      ...facade.map((r) => String(r.refused)),
      facade.every((r) => r.refused === 0) ? 'yes' : 'no',
    ],
    [
      'finished within 1.15x the ideal',
      ...facade.map((r) => `${r.ratio.toFixed(2)}x`),
      facade.every((r) => r.ratio <= 1.15) ? 'yes' : 'no',
    ],
  ],
);

const markdown = `## Under TMDb's rate limit (\`npm run bench\`, second part)

Machine: ${machineLine()}.

The emulator limited as TMDb is: ${RATE} requests per second per client address (a token bucket holding one second's
worth; past it, 429 with TMDb code 25 and \`Retry-After\` in whole seconds) and ${CONNECTIONS} connections (one past
the cap is closed at once, as a CDN does). A fresh emulator for each row; all calls start together. Ideal time: the
requests a workload needs / ${RATE} per second. "Requests" counts every request the emulator saw, 429s included.

${sections.join('\n\n')}

### Targets

${targets}

Unhandled rejections during the run: ${unhandled}. Rerun: \`npm run bench\` (the rate part takes about four minutes).`;

console.log(markdown);
if (!smoke && !only) writeSection('rate', markdown);
if (smoke && facade.some((r) => r.failedCount > 0 || r.refused > 0)) process.exitCode = 1;
