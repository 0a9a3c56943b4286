// The client against a server that does not play fair, over real sockets on 127.0.0.1: every promise about time,
// size, redirects and secrets must hold whatever the server sends, on Node's adapter and on fetch's.
import axios, { type AxiosInstance } from 'axios';
import nock from 'nock';
import {
  TmdbApiError,
  TmdbAuthClient,
  TmdbNetworkError,
  TmdbResponseError,
  TmdbTimeoutError,
  type TmdbAuthClientOptions,
} from 'tmdb-auth-client';
import {
  TOKEN_ANSWER,
  closeHostileServersAfterEach,
  cutMidBody,
  echoBody,
  gzipBomb,
  hugeBody,
  redirectTo,
  silence,
  slowDrip,
  startHostileServer,
  type HostileServer,
} from '../helpers/hostile-server';
import { leakedSecrets } from '../helpers/secret-scan';
import { API_KEY, PASSWORD, REQUEST_TOKEN, USERNAME, rejectionOf } from '../helpers/tmdb';

closeHostileServersAfterEach();
// Real sockets end to end: nock's interceptor would sit between client and server, buffering and re-emitting what
// the socket does (a destroyed socket then reports differently, and memory is not the client's alone).
beforeAll(() => nock.restore());

const SECRETS = { API_KEY, PASSWORD, REQUEST_TOKEN };
const MB = 1024 * 1024;
// How late a call may end past the limit it was given: timers and sockets on a loaded two-core machine.
const SLACK_MS = 250;

// The transports a call may go through: the client's own (node:http), and a caller's instance on axios's fetch
// adapter (what browsers, workerd, Deno and Bun use; here Node's fetch).
const TRANSPORTS: [string, () => AxiosInstance | undefined][] = [
  ['node:http (the default transport)', () => undefined],
  ["fetch (a caller's axios instance)", () => axios.create({ adapter: 'fetch' })],
];

function clientOf(server: HostileServer, options: Partial<TmdbAuthClientOptions> = {}): TmdbAuthClient {
  return new TmdbAuthClient({ apiKey: API_KEY, baseUrl: server.baseUrl, maxRetries: 0, ...options });
}

async function timed<T>(promise: Promise<T>): Promise<{ error: unknown; elapsedMs: number }> {
  const started = performance.now();
  const error = await rejectionOf(promise);
  return { error, elapsedMs: performance.now() - started };
}

function login(client: TmdbAuthClient): Promise<unknown> {
  return client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD });
}

describe.each(TRANSPORTS)('over %s', (_name, instance) => {
  it('ends a body dripped a byte at a time at deadlineMs, and says the deadline ran out', async () => {
    const server = await startHostileServer(slowDrip(TOKEN_ANSWER, 100));
    const client = clientOf(server, { axios: instance(), timeoutMs: 5_000, deadlineMs: 800 });

    const { error, elapsedMs } = await timed(client.createRequestToken());

    expect(error).toBeInstanceOf(TmdbTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', option: 'deadlineMs', timeoutMs: 800, attempts: 1 });
    expect((error as Error).message).toMatch(/deadline of 800 ms \(`deadlineMs`/);
    expect((error as Error).message).not.toMatch(/raise `timeoutMs`/);
    expect(elapsedMs).toBeGreaterThanOrEqual(790);
    expect(elapsedMs).toBeLessThan(800 + SLACK_MS);
  });

  it('stops reading at maxResponseBytes, counted on the body as it arrives, and says so', async () => {
    const progress = { sent: 0 };
    const server = await startHostileServer(hugeBody(300 * MB, progress));
    const client = clientOf(server, { axios: instance() });

    const { error } = await timed(client.createRequestToken());

    expect(error).toBeInstanceOf(TmdbResponseError);
    expect(error).toMatchObject({ code: 'invalid_response', attempts: 1 });
    expect((error as Error).message).toMatch(/larger than 1048576 bytes \(`maxResponseBytes`\)/);
    expect((error as Error).message).not.toMatch(/empty/);
    // The server could push at most what the socket buffers held past the limit before the client hung up.
    expect(progress.sent).toBeLessThan(50 * MB);
  });

  it('stops inflating a gzip bomb at maxResponseBytes of decoded body', async () => {
    const server = await startHostileServer(gzipBomb(300 * MB));
    const client = clientOf(server, { axios: instance() });

    const { error, elapsedMs } = await timed(client.createRequestToken());

    expect(error).toBeInstanceOf(TmdbResponseError);
    expect((error as Error).message).toMatch(/larger than 1048576 bytes \(`maxResponseBytes`\)/);
    // Inflating all 300 MB takes seconds; stopping at 1 MB, milliseconds.
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('never follows a redirect to another origin, and names only its status and host', async () => {
    const elsewhere = await startHostileServer(echoBody());
    const server = await startHostileServer(
      redirectTo(`http://${elsewhere.host}/collect/${REQUEST_TOKEN}?password=${PASSWORD}&api_key=${API_KEY}`),
    );
    const client = clientOf(server, { axios: instance() ?? axios.create() });

    const error = await rejectionOf(login(client));

    expect(elsewhere.received).toEqual([]);
    expect(error).toBeInstanceOf(TmdbApiError);
    expect(error).toMatchObject({ code: 'http_error', httpStatus: 307, attempts: 1 });
    expect((error as Error).message).toContain(`redirect (HTTP 307) to ${elsewhere.host}`);
    expect((error as Error).message).not.toContain('/collect');
    expect(leakedSecrets(error, SECRETS)).toEqual([]);
  });

  test.each([
    ['reset', 'reset' as const],
    ['closed', 'close' as const],
  ])(
    'reports a body cut off by a connection %s mid-body as a network failure, not as an empty answer',
    async (_how, how) => {
      const server = await startHostileServer(cutMidBody(40, how));
      const client = clientOf(server, { axios: instance() });

      const error = await rejectionOf(client.createRequestToken());

      expect(error).toBeInstanceOf(TmdbNetworkError);
      expect(error).toMatchObject({ code: 'network_error', attempts: 1 });
      expect((error as Error).message).not.toMatch(/empty/);
    },
  );
});

describe('time limits', () => {
  it('bounds each attempt, body included, by timeoutMs, and says timeoutMs ran out', async () => {
    const server = await startHostileServer(slowDrip(TOKEN_ANSWER, 100));
    const client = clientOf(server, { timeoutMs: 500 });

    const { error, elapsedMs } = await timed(client.createRequestToken());

    expect(error).toMatchObject({ name: 'TmdbTimeoutError', option: 'timeoutMs', timeoutMs: 500, attempts: 1 });
    expect((error as Error).message).toMatch(/within 500 ms \(`timeoutMs`/);
    expect(elapsedMs).toBeLessThan(500 + SLACK_MS);
  });

  it('holds one deadline over every retry: the last attempt gets what is left of it', async () => {
    const server = await startHostileServer(slowDrip(TOKEN_ANSWER, 100));
    const client = clientOf(server, { timeoutMs: 400, deadlineMs: 1_000, maxRetries: 5, retryDelayMs: 0 });

    const { error, elapsedMs } = await timed(client.createRequestToken());

    expect(error).toMatchObject({ name: 'TmdbTimeoutError', option: 'deadlineMs', timeoutMs: 1_000, attempts: 3 });
    expect(server.received).toHaveLength(3);
    expect(elapsedMs).toBeLessThan(1_000 + SLACK_MS);
  });

  it('ends a call whose headers never come at deadlineMs', async () => {
    const server = await startHostileServer(silence());
    const client = clientOf(server, { timeoutMs: 5_000, deadlineMs: 500 });

    const { error, elapsedMs } = await timed(client.createRequestToken());

    expect(error).toMatchObject({ name: 'TmdbTimeoutError', option: 'deadlineMs', attempts: 1 });
    expect(elapsedMs).toBeLessThan(500 + SLACK_MS);
  });
});

describe('response size', () => {
  it('keeps memory flat while refusing a 300 MB body', async () => {
    const server = await startHostileServer(hugeBody(300 * MB));
    const client = clientOf(server);
    // Warm the path (modules, sockets, buffers) so that only the large answer's cost is measured.
    await rejectionOf(client.createRequestToken());
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 2);

    const error = await rejectionOf(client.createRequestToken());
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(error).toBeInstanceOf(TmdbResponseError);
    expect(peak - before).toBeLessThan(10 * MB);
  });

  it('takes a larger limit, or none, from maxResponseBytes', async () => {
    const server = await startHostileServer(hugeBody(2 * MB));

    const capped = await rejectionOf(clientOf(server, { maxResponseBytes: 4 * MB }).createRequestToken());
    const uncapped = await rejectionOf(clientOf(server, { maxResponseBytes: Infinity }).createRequestToken());

    // Read whole both times: 2 MB of spaces is not a token, which is the next thing the client says.
    for (const error of [capped, uncapped]) {
      expect(error).toBeInstanceOf(TmdbResponseError);
      expect((error as Error).message).not.toMatch(/maxResponseBytes/);
    }
  });
});

describe('redirects', () => {
  it('refuses a redirect even when an interceptor turns following back on', async () => {
    const elsewhere = await startHostileServer(echoBody());
    const server = await startHostileServer(redirectTo(`http://${elsewhere.host}/3/authentication/token/new`));
    const instance = axios.create();
    instance.interceptors.request.use((config) => ({ ...config, maxRedirects: 5 }));

    const error = await rejectionOf(login(clientOf(server, { axios: instance })));

    expect(elsewhere.received).toEqual([]);
    expect(error).toMatchObject({ name: 'TmdbApiError', httpStatus: 307 });
    expect((error as Error).message).toContain(elsewhere.host);
  });

  it('masks a secret the server put into the host it redirects to', async () => {
    const server = await startHostileServer(redirectTo(`https://${API_KEY}.attacker.example/`, 302));

    const error = await rejectionOf(clientOf(server).createRequestToken());

    expect(error).toMatchObject({ name: 'TmdbApiError', httpStatus: 302 });
    expect((error as Error).message).toContain('.attacker.example');
    expect(leakedSecrets(error, SECRETS)).toEqual([]);
  });
});

describe('secrets echoed back', () => {
  it('keeps the password out of an error whose message quotes the request body, escaped into JSON', async () => {
    const server = await startHostileServer(echoBody());

    const error = await rejectionOf(login(clientOf(server)));

    expect(server.received[0]?.body).toContain(PASSWORD);
    expect(error).toMatchObject({ name: 'TmdbApiError', httpStatus: 401, tmdbCode: 30 });
    expect(leakedSecrets(error, SECRETS)).toEqual([]);
    expect(String(error)).not.toContain(PASSWORD);
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
  });

  it('leaves no tail of a password with quotes and backslashes that the server echoes escaped twice', async () => {
    const password = 'Open"Sesame\\Tail!Sekrit';
    const server = await startHostileServer(echoBody());

    const error = await rejectionOf(
      clientOf(server).validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password }),
    );

    // The body the server got holds the password JSON-escaped; its message quotes that body escaped again.
    expect(server.received[0]?.body).toContain(JSON.stringify(password).slice(1, -1));
    expect(error).toMatchObject({ name: 'TmdbApiError', attempts: 1 });
    expect(leakedSecrets(error, { head: 'Open', middle: 'Sesame', tail: 'Tail!Sekrit' })).toEqual([]);
  });
});
