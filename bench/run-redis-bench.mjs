#!/usr/bin/env node
// `npm run bench` (Redis part): several processes, one TMDb budget. 4 and 8 worker processes (child_process.fork),
// each firing its calls at once against one emulator limited like TMDb (40 requests/s per address, 20
// connections): each process with its own in-process gate, then all of them on one Redis rate gate
// (tmdb-auth-client/redis); and a Redis run whose redis-server is killed a third of the way in. Writes its section
// of BENCHMARKS.md. `--smoke` runs 2 workers x 20 calls at a higher limit, writes nothing, and fails when a call
// on the Redis gate fails (CI). redis-server is started by the bench on a loopback port (installed with
// `npm run redis:install` when missing); traffic goes to 127.0.0.1 only, and every run is bounded in time.
import { fork } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { TmdbAuthClient } from 'tmdb-auth-client';
import { createRedisRateGate } from 'tmdb-auth-client/redis';
import { EMULATOR_API_KEY, startTmdbEmulator } from 'tmdb-auth-client/testing';
import { onlyRows } from './lib/only-rows.mjs';
import { startRedisServer } from './lib/redis-server.mjs';
import { machineLine, table, writeSection } from './lib/report.mjs';

const smoke = process.argv.includes('--smoke');
const RATE = smoke ? 200 : 40;
const CONNECTIONS = 20;
const CALLS_PER_WORKER = smoke ? 20 : 250;
const WORKER_COUNTS = smoke ? [2] : [4, 8];
// A run still going after this is cut off and its unfinished calls counted as failed.
const RUN_LIMIT_MS = smoke ? 30_000 : 240_000;

if (process.argv[2] === '--worker') await worker(JSON.parse(process.argv[3]));
else await main();

/** One process of the app: its own client (and gate), its calls fired together on `go`. */
async function worker({ baseUrl, redisUrl, calls }) {
  const status = [];
  const redis = redisUrl ? new Redis(redisUrl) : undefined;
  if (redis) {
    redis.on('error', () => {}); // reconnects are ioredis's business; the gate reports what matters
    await redis.ping();
  }
  const rateGate = redis
    ? createRedisRateGate({ redis, keyPrefix: '{bench}:', onStoreStatus: (event) => status.push(event.type) })
    : undefined;
  const client = new TmdbAuthClient({ apiKey: EMULATOR_API_KEY, baseUrl, ...(rateGate ? { rateGate } : {}) });
  process.send({ type: 'ready' });
  await new Promise((resolve) => process.once('message', resolve));
  const errors = {};
  let ok = 0;
  let untyped = 0;
  await Promise.all(
    Array.from({ length: calls }, () =>
      client.createRequestToken().then(
        () => ok++,
        (error) => {
          const code = error?.code ?? error?.name ?? 'unknown';
          errors[code] = (errors[code] ?? 0) + 1;
          if (typeof error?.code !== 'string') untyped++;
        },
      ),
    ),
  );
  process.send({ type: 'done', ok, errors, untyped, status });
  redis?.disconnect();
  process.disconnect();
}

/** Redis commands that ran a script (EVALSHA, EVAL), from INFO commandstats. */
async function scriptCalls(redis) {
  const info = await redis.info('commandstats');
  let sum = 0;
  for (const match of info.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)(?:.*?rejected_calls=(\d+))?/gm)) {
    sum += Number(match[1]) + Number(match[2] ?? 0);
  }
  return sum;
}

async function measure({ workers, mode, killAt }) {
  const emulator = await startTmdbEmulator({ rateLimit: { requestsPerSecond: RATE }, maxConnections: CONNECTIONS });
  const server = mode === 'in-process' ? undefined : await startRedisServer();
  const inspector = server ? new Redis(server.url) : undefined;
  inspector?.on('error', () => {});
  const calls = workers * CALLS_PER_WORKER;
  try {
    const children = Array.from({ length: workers }, () =>
      fork(
        fileURLToPath(import.meta.url),
        ['--worker', JSON.stringify({ baseUrl: emulator.baseUrl, redisUrl: server?.url, calls: CALLS_PER_WORKER })],
        { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
      ),
    );
    const ready = children.map((child) => new Promise((resolve) => child.once('message', resolve)));
    await Promise.all(ready);
    const done = children.map(
      (child) =>
        new Promise((resolve) => {
          child.on('message', (message) => message.type === 'done' && resolve(message));
          child.once('exit', () => resolve(undefined));
        }),
    );
    let timer;
    const cutOff = new Promise((resolve) => {
      timer = setTimeout(() => resolve('cut off'), RUN_LIMIT_MS);
    });
    const before = inspector ? await scriptCalls(inspector) : 0;
    const started = performance.now();
    for (const child of children) child.send({ type: 'go' });
    let killed;
    if (killAt !== undefined) {
      killed = (async () => {
        while (emulator.requests.length < killAt * calls) await new Promise((resolve) => setTimeout(resolve, 20));
        await server.kill();
      })();
    }
    const outcome = await Promise.race([Promise.all(done), cutOff]);
    const elapsedMs = performance.now() - started;
    clearTimeout(timer);
    await killed;
    const roundTrips = inspector && killAt === undefined ? (await scriptCalls(inspector)) - before : undefined;
    for (const child of children) child.kill();
    const reports = outcome === 'cut off' ? [] : outcome.filter(Boolean);
    const ok = reports.reduce((sum, r) => sum + r.ok, 0);
    const errors = {};
    for (const report of reports) {
      for (const [code, count] of Object.entries(report.errors)) errors[code] = (errors[code] ?? 0) + count;
    }
    const requests = emulator.requests.length;
    const limited = emulator.requests.filter((r) => r.status === 429).length;
    const fallbacks = reports.reduce((sum, r) => sum + r.status.filter((s) => s === 'fallback').length, 0);
    return {
      workers,
      mode,
      killed: killAt !== undefined,
      calls,
      failed: calls - ok,
      untyped: reports.reduce((sum, r) => sum + r.untyped, 0),
      cut: outcome === 'cut off',
      errors,
      requests,
      limited,
      limitedShare: requests === 0 ? 0 : limited / requests,
      refused: emulator.refusedConnections,
      peak: emulator.peakConnections,
      elapsedMs,
      ratio: elapsedMs / ((calls / RATE) * 1000),
      roundTripsPerCall: roundTrips === undefined ? undefined : roundTrips / calls,
      fallbacks,
    };
  } finally {
    inspector?.disconnect();
    await server?.kill();
    await emulator.close();
  }
}

async function main() {
  const runs = [
    ...WORKER_COUNTS.flatMap((workers) => [
      { workers, mode: 'in-process' },
      { workers, mode: 'redis' },
    ]),
    { workers: WORKER_COUNTS.at(-1), mode: 'redis', killAt: 1 / 3 },
  ];
  // `--only=1,3` runs only those rows (by position), for tuning; the report is written only for a full run.
  const only = onlyRows();
  const results = [];
  const loadBefore = os.loadavg()[0];
  for (const run of runs.filter((_, i) => !only || only.includes(i))) {
    const result = await measure(run);
    results.push(result);
    console.error(
      `${result.workers} x ${CALLS_PER_WORKER} ${result.mode}${result.killed ? ' (Redis killed)' : ''}: failed ${result.failed}, ${result.limited}/${result.requests} 429, refused ${result.refused}, peak ${result.peak} connections, ${(result.elapsedMs / 1000).toFixed(1)} s (${result.ratio.toFixed(2)}x), ${result.roundTripsPerCall?.toFixed(2) ?? '—'} round trips/call`,
    );
  }
  const loadAfter = os.loadavg()[0];
  if (only) return;

  const pct = (v) => `${(v * 100).toFixed(1)}%`;
  const label = (r) =>
    r.mode === 'in-process'
      ? 'in-process gate in each process'
      : r.killed
        ? 'Redis gate, redis-server killed after a third of the requests'
        : 'Redis gate (`tmdb-auth-client/redis`)';
  const rows = results.map((r) => [
    `${r.workers} x ${CALLS_PER_WORKER}`,
    label(r),
    r.cut ? `${r.failed} (cut off)` : String(r.failed),
    String(r.requests),
    `${r.limited} (${pct(r.limitedShare)})`,
    String(r.refused),
    String(r.peak),
    `${(r.elapsedMs / 1000).toFixed(1)} s`,
    `${r.ratio.toFixed(2)}x`,
    r.roundTripsPerCall === undefined ? '—' : r.roundTripsPerCall.toFixed(2),
    Object.entries(r.errors)
      .map(([code, count]) => `${code}: ${count}`)
      .join(', ') || '—',
  ]);
  const target = results.find((r) => r.mode === 'redis' && !r.killed && r.workers === WORKER_COUNTS.at(-1));
  const killed = results.find((r) => r.killed);
  const targets = table(
    ['target (Redis gate, 8 x 250)', 'measured', 'met'],
    [
      ['0 failed calls', String(target.failed), target.failed === 0 ? 'yes' : 'no'],
      ['≤ 2% of requests answered 429', pct(target.limitedShare), target.limitedShare <= 0.02 ? 'yes' : 'no'],
      ['≤ 20 connections open at once', String(target.peak), target.peak <= 20 ? 'yes' : 'no'],
      ['≤ 1.15x the ideal time', `${target.ratio.toFixed(2)}x`, target.ratio <= 1.15 ? 'yes' : 'no'],
      [
        'Redis killed: every call ends as a success or a typed error',
        `${killed.calls - killed.failed} succeeded, ${killed.failed - killed.untyped} typed errors, ${killed.untyped} untyped`,
        killed.untyped === 0 && !killed.cut ? 'yes' : 'no',
      ],
    ],
  );

  const markdown = `## Many processes, one budget: the Redis rate gate (\`npm run bench\`, Redis part)

Machine: ${machineLine()}; load average ${loadBefore.toFixed(1)} before the runs, ${loadAfter.toFixed(1)} after
(the machine is shared: times are noisy).

One emulator limited as TMDb is (${RATE} requests per second per client address, ${CONNECTIONS} connections; a
fresh one for each row), and N worker processes (\`child_process.fork\`), each with its own \`TmdbAuthClient\` (default
options: its agent keeps up to 20 sockets alive) firing ${CALLS_PER_WORKER} \`createRequestToken\` calls at once.
Ideal time: calls / ${RATE} per second. "Peak connections" is the most the emulator had open at once; "refused" the
ones it closed at once for being past ${CONNECTIONS}. Round trips: Redis script calls (EVALSHA, EVAL) per call.
In the killed run, the Redis gate's store is SIGKILLed once a third of the requests have been seen; each process
falls back to its in-process state after 50 ms (\`storeTimeoutMs\`), keeping to its share of the budget (the cap and the
rate they kept together, divided by the processes seen on Redis); fallbacks reported: ${killed.fallbacks}.

${table(
  [
    'processes x calls',
    'gates',
    'failed calls',
    'requests',
    'answered 429',
    'connections refused',
    'peak connections',
    'time',
    'vs ideal',
    'Redis round trips per call',
    'errors',
  ],
  rows,
)}

### Targets

${targets}

The 429s the kill cost: ${killed.limited} in the killed run against ${target.limited} in the run beside it (337 before the
fallback kept to a share, when each process fell back to the whole budget). Rerun:
\`npm run bench\` (this part takes about five minutes).`;

  console.log(markdown);
  if (!smoke) writeSection('redis', markdown);
  if (smoke && (target.failed > 0 || killed.untyped > 0 || killed.cut)) process.exitCode = 1;
}
