#!/usr/bin/env node
// `npm run soak`: thousands of facade calls against the emulator with faults injected into a tenth of them.
// Every call must end in a result or a typed error; none may hang, reject unhandled, leak a secret, or leave a
// handle open. Writes its section of BENCHMARKS.md. `--smoke` runs a few hundred calls and writes nothing (CI).
import { inspect } from 'node:util';
import { performance } from 'node:perf_hooks';
import { TmdbAuthClient, isTmdbError } from 'tmdb-auth-client';
import { EMULATOR_API_KEY, EMULATOR_USER, startTmdbEmulator } from 'tmdb-auth-client/testing';
import { machineLine, table, writeSection } from './lib/report.mjs';

const smoke = process.argv.includes('--smoke');
const TOTAL_CALLS = smoke ? 300 : 10_000;
const CONCURRENCY = 32;
const FAULT_RATE = 0.1;
const TIMEOUT_MS = 250;
// The emulator enforces a rate limit and a connection cap, as TMDb's CDN does; the client's rate gate must keep
// every call typed and none hung while a fifth of the load is over the limit.
// The run counts every request and every 429 from the emulator's log, so the log keeps them all (it drops the
// oldest past 10,000 by default).
const LIMITS = { rateLimit: { requestsPerSecond: 300 }, maxConnections: 20, maxLoggedRequests: Infinity };
// Far beyond any legitimate call here (timeouts, retries and a 1 s Retry-After): a call still open then hangs.
const HANG_AFTER_MS = 20_000;

let unhandledRejections = 0;
process.on('unhandledRejection', () => unhandledRejections++);

// Deterministic randomness, so a rerun injects the same faults in the same order.
let seed = 0x5eed;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const FAULTS = [
  ['connection reset', { type: 'connection-reset' }],
  ['503', { type: 'server-error', status: 503 }],
  // Without Retry-After: the 429s that carry one come from the emulator's rate limit below. (Each 429 closes the
  // client's gate for every call; a 1 s Retry-After on a tenth of a fault budget made the run four minutes long.)
  ['429, no Retry-After', { type: 'rate-limit' }],
  [`slower than the ${TIMEOUT_MS} ms timeout`, { type: 'latency', ms: TIMEOUT_MS * 3 }],
];

let emulator = await startTmdbEmulator(LIMITS);
const client = new TmdbAuthClient({
  apiKey: EMULATOR_API_KEY,
  baseUrl: emulator.baseUrl,
  approvalBaseUrl: emulator.approvalBaseUrl,
  timeoutMs: TIMEOUT_MS,
  retryDelayMs: 20,
  maxRetryDelayMs: 200,
});

// Every secret the run handles, to scan every error for afterwards.
const secrets = new Set([EMULATOR_API_KEY, EMULATOR_USER.password]);
const keep = (value) => (secrets.add(value), value);

const OPERATIONS = [
  {
    route: 'get-new-authentication-token',
    weight: 4,
    run: async () => keep((await client.createRequestToken()).requestToken),
  },
  {
    route: 'get-new-authentication-guest-session',
    weight: 2,
    run: async () => keep((await client.createGuestSession()).guestSessionId),
  },
  { route: 'validate-key', weight: 2, run: () => client.validateKey() },
  {
    route: 'validate-request-token-with-login',
    weight: 1,
    prepare: async () => keep((await client.createRequestToken()).requestToken),
    run: (token) =>
      client.validateWithLogin({
        requestToken: token,
        username: EMULATOR_USER.username,
        password: EMULATOR_USER.password,
      }),
  },
  {
    route: 'create-session',
    weight: 1,
    prepare: async () => {
      const token = keep((await client.createRequestToken()).requestToken);
      emulator.approve(token);
      return token;
    },
    run: async (token) => keep((await client.createSession(token)).sessionId),
  },
];
const WEIGHTED = OPERATIONS.flatMap((op) => Array.from({ length: op.weight }, () => op));

const outcomes = new Map();
const faultsInjected = new Map();
const errors = [];
let hung = 0;
let started = 0;

async function oneCall() {
  const op = WEIGHTED[Math.floor(random() * WEIGHTED.length)];
  let input;
  if (op.prepare) {
    try {
      input = await op.prepare();
    } catch {
      // The set-up call met a fault meant for another call; it is not one of the counted calls.
      return oneCall();
    }
  }
  if (random() < FAULT_RATE) {
    const [name, fault] = FAULTS[Math.floor(random() * FAULTS.length)];
    emulator.inject(fault, { route: op.route });
    faultsInjected.set(name, (faultsInjected.get(name) ?? 0) + 1);
  }
  let timer;
  const watchdog = new Promise((resolve) => {
    timer = setTimeout(() => resolve('hung'), HANG_AFTER_MS);
  });
  const outcome = await Promise.race([
    op.run(input).then(
      () => 'success',
      (error) => {
        errors.push(error);
        return isTmdbError(error) ? `${error.name} (${error.code})` : `untyped: ${error?.name}`;
      },
    ),
    watchdog,
  ]);
  clearTimeout(timer);
  if (outcome === 'hung') hung++;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

/** Handles that would keep the process alive: sockets, servers. Timers are counted apart; stdio is not counted. */
function openResources() {
  return process
    .getActiveResourcesInfo()
    .filter((kind) => !['TTYWrap', 'PipeWrap', 'FSReqCallback', 'Timeout'].includes(kind));
}

async function worker() {
  while (started < TOTAL_CALLS) {
    started++;
    await oneCall();
  }
}

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const elapsedMs = performance.now() - t0;

// Secrets: every error's message, JSON and util.inspect output, against every token and id the run handled.
let secretHits = 0;
for (const error of errors) {
  const renderings = [String(error?.message), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
  for (const text of renderings) {
    for (const run of text.match(/[0-9a-f]{32,}/gi) ?? []) if (secrets.has(run)) secretHits++;
    if (text.includes(EMULATOR_USER.password)) secretHits++;
  }
}

const violations = emulator.violations.length;
const emulatorRequests = emulator.requests.length;
const limited = emulator.requests.filter((r) => r.status === 429).length;
const injected429 = faultsInjected.get('429, no Retry-After') ?? 0;
const refusedConnections = emulator.refusedConnections;
await emulator.close();
// What the run itself keeps (the emulator's state and logs, the errors and secrets collected for the scan) is let
// go, so the heap after GC shows what the client holds on to.
emulator = undefined;
const errorsScanned = errors.length;
errors.length = 0;
secrets.clear();
// Sockets the emulator ended take a few turns of the event loop to report closed on the client side; give them
// up to a second before counting what is still open.
for (let i = 0; i < 100 && openResources().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const openHandles = openResources();
const pendingTimers = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

const calls = [...outcomes.values()].reduce((a, b) => a + b, 0);
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const markdown = `## Fault soak (\`npm run soak\`)

Machine: ${machineLine()}.

${calls.toLocaleString('en-US')} facade calls at concurrency ${CONCURRENCY} against the emulator (real loopback sockets, every
request checked against the spec), a fault injected before ${Math.round(FAULT_RATE * 100)}% of them on that call's route. Client:
\`timeoutMs\` ${TIMEOUT_MS}, default retries, the rate gate on (its defaults). The emulator enforced ${LIMITS.rateLimit.requestsPerSecond} requests per
second (429 with code 25 and \`Retry-After\` past it) and ${LIMITS.maxConnections} connections. Took ${(elapsedMs / 1000).toFixed(1)} s; the emulator saw
${emulatorRequests.toLocaleString('en-US')} requests, ${(limited - injected429).toLocaleString('en-US')} of them answered 429 by its rate limit (${((100 * (limited - injected429)) / emulatorRequests).toFixed(1)}%), and refused
${refusedConnections} connection(s).

Faults injected:

${table(
  ['fault', 'count'],
  [...faultsInjected].sort().map(([name, count]) => [name, String(count)]),
)}

Outcomes:

${table(
  ['outcome', 'calls'],
  [...outcomes].sort((a, b) => b[1] - a[1]).map(([name, count]) => [name, String(count)]),
)}

${table(
  ['check', 'result', 'must be'],
  [
    ['calls that hung (no result or error within 20 s)', String(hung), '0'],
    [
      'errors that are not a TmdbError',
      String([...outcomes.keys()].filter((k) => k.startsWith('untyped')).length),
      '0',
    ],
    ['unhandled rejections', String(unhandledRejections), '0'],
    [`secrets found in the ${errorsScanned} errors' messages, JSON and util.inspect`, String(secretHits), '0'],
    ['requests that broke the spec (emulator.violations)', String(violations), '0'],
    ['open handles after closing (sockets, servers)', String(openHandles.length), '0'],
    ['connections refused by the emulator\u2019s cap', String(refusedConnections), '0'],
    [
      'heap used before / after the calls (after GC, with the run\u2019s own records released)',
      `${mib(heapBefore)} / ${mib(heapAfter)}`,
      'no growth with the number of calls',
    ],
  ],
)}

Retried faults (503, 429, resets and timeouts on GET) mostly end in success on the next attempt; a reset or a
timeout on a POST is not resent (TMDb may have acted on it) and ends in a typed error. The process exits by
itself: no \`process.exit\` is called. Rerun: \`npm run soak\`.`;

console.log(markdown);
if (openHandles.length > 0) console.log(`open at the end: ${openHandles.join(', ')}`);
if (pendingTimers > 0) console.log(`(${pendingTimers} timer(s) still pending at the end, e.g. keep-alive timeouts)`);
if (!smoke) writeSection('soak', markdown);
const failed = hung + unhandledRejections + secretHits + violations + openHandles.length + refusedConnections;
if (failed > 0 || [...outcomes.keys()].some((k) => k.startsWith('untyped'))) process.exitCode = 1;
