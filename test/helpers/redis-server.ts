// A real redis-server for the Redis store's tests: started on a free loopback port, with no persistence, stopped
// (or killed, or restarted on the same port) by the test. Never a mock: the store's Lua scripts, TTLs and failures
// are Redis's own. `npm run redis:install` (scripts/ensure-system-binary.mjs) installs it when missing.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';

export interface RedisServer {
  readonly port: number;
  /** A new ioredis client of this server, connected, and closed after the test by `stopRedisAfterEach`. */
  client(): Promise<Redis>;
  /** Stops the server at once (SIGKILL): clients see their connection drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port, with nothing in it (as a restarted Redis without persistence). */
  restart(): Promise<void>;
}

const started: { process: ChildProcess | undefined; clients: Redis[] }[] = [];

function redisServerPath(): string {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server || ls /usr/bin/redis-server'], { encoding: 'utf8' })
      .trim()
      .split('\n')[0] as string;
  } catch {
    throw new Error('redis-server is not installed: run `npm run redis:install` (apt-get install -y redis-server).');
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function spawnServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    redisServerPath(),
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'local',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Ready when it accepts a connection.
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not accept connections within 5 s');
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Starts a redis-server that `stopRedisAfterEach` stops after the current test. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const entry: (typeof started)[number] = { process: await spawnServer(port), clients: [] };
  started.push(entry);
  return {
    port,
    async client() {
      // No retries of a command while disconnected beyond one: the store's own timeout is what the tests measure.
      const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1, disconnectTimeout: 100 });
      entry.clients.push(client);
      await client.ping();
      return client;
    },
    async kill() {
      await stop(entry.process);
    },
    async restart() {
      await stop(entry.process);
      entry.process = await spawnServer(port);
    },
  };
}

/**
 * Registers a `beforeEach` that starts a redis-server for each test of the enclosing `describe`; the handle returned
 * stands for the current test's server. `stopRedisAfterEach` stops it.
 */
export function startRedisBeforeEach(): RedisServer {
  let current: RedisServer | undefined;
  beforeEach(async () => {
    current = await startRedis();
  });
  const server = (): RedisServer => {
    if (!current) throw new Error('startRedisBeforeEach: the server starts before each test; use it inside one.');
    return current;
  };
  return {
    get port() {
      return server().port;
    },
    client: () => server().client(),
    kill: () => server().kill(),
    restart: () => server().restart(),
  };
}

/** Registers the `afterEach` that disconnects every client and stops every server `startRedis` started. */
export function stopRedisAfterEach(): void {
  afterEach(async () => {
    for (const entry of started.splice(0)) {
      for (const client of entry.clients) client.disconnect();
      await stop(entry.process);
    }
  });
}
