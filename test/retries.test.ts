import nock from 'nock';
import {
  TmdbAbortError,
  TmdbApiError,
  TmdbNetworkError,
  TmdbRateLimitError,
  TmdbTimeoutError,
  type RetryInfo,
} from 'tmdb-auth-client';
import { httpDate, sleepUntilAborted } from './helpers/fake-time';
import {
  BASE_URL,
  REQUEST_TOKEN,
  SESSION_ID,
  TIMEOUT_MS,
  axiosTimeout,
  connectionRefused,
  connectionReset,
  errorBody,
  heldAnswer,
  rejectionOf,
  testClient,
  tokenBody,
} from './helpers/tmdb';

const TOKEN = tokenBody('2030-01-01 00:00:00 UTC');
const SESSION = { success: true, session_id: SESSION_ID };
const TOKEN_PATH = '/authentication/token/new';
const SESSION_PATH = '/authentication/session/new';

function getToken() {
  return nock(BASE_URL).get(TOKEN_PATH).query(true);
}
function postSession() {
  return nock(BASE_URL).post(SESSION_PATH, { request_token: REQUEST_TOKEN }).query(true);
}

describe('which failures are retried (GET)', () => {
  test.each([408, 429, 500, 502, 503, 504])('retries HTTP %i, then succeeds', async (status) => {
    const failed = getToken().reply(status, errorBody(9, 'Service offline - try again later.'));
    const succeeded = getToken().reply(200, TOKEN);
    const { client, time } = testClient();

    await expect(client.createRequestToken()).resolves.toMatchObject({ requestToken: REQUEST_TOKEN });

    failed.done();
    succeeded.done();
    expect(time.sleeps).toHaveLength(1);
  });

  test.each([400, 401, 404, 422, 501, 505])('does not retry HTTP %i', async (status) => {
    const scope = getToken().once().reply(status, errorBody(7, 'Invalid API key: You must be granted a valid key.'));
    const { client, time } = testClient();

    const error = await rejectionOf(client.createRequestToken());

    expect(error).toBeInstanceOf(TmdbApiError);
    expect(error).toMatchObject({ httpStatus: status });
    expect(time.sleeps).toEqual([]);
    scope.done();
  });

  test.each(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EPIPE'])('retries a %s connection error', async (code) => {
    const failed = getToken().replyWithError(Object.assign(new Error(`${code} happened`), { code }));
    const succeeded = getToken().reply(200, TOKEN);
    const { client } = testClient();

    await expect(client.createRequestToken()).resolves.toMatchObject({ requestToken: REQUEST_TOKEN });

    failed.done();
    succeeded.done();
  });

  it('retries a timed-out attempt', async () => {
    const slow = getToken().replyWithError(axiosTimeout(TIMEOUT_MS));
    const fast = getToken().reply(200, TOKEN);
    const { client } = testClient({ timeoutMs: TIMEOUT_MS });

    await expect(client.createRequestToken()).resolves.toMatchObject({ requestToken: REQUEST_TOKEN });

    slow.done();
    fast.done();
  });

  it('gives up after maxRetries and throws the last failure, saying how many attempts it made', async () => {
    const scope = getToken().times(3).reply(503, errorBody(9, 'Service offline - try again later.'));
    const { client } = testClient();

    const error = await rejectionOf(client.createRequestToken());

    expect(error).toBeInstanceOf(TmdbApiError);
    expect(error).toMatchObject({ httpStatus: 503, tmdbCode: 9, code: 'service_offline' });
    expect((error as Error).message).toContain('3 attempts');
    scope.done();
  });

  it('takes maxRetries per call over the client default', async () => {
    const scope = getToken().times(5).reply(500, errorBody(11, 'Internal error.'));
    const { client } = testClient({ maxRetries: 1 });

    await rejectionOf(client.createRequestToken({ maxRetries: 4 }));

    scope.done();
  });

  it('makes a single attempt with maxRetries 0', async () => {
    const scope = getToken().once().reply(503, errorBody(9, 'Service offline.'));
    const { client, time } = testClient({ maxRetries: 0 });

    await rejectionOf(client.createRequestToken());

    scope.done();
    expect(time.sleeps).toEqual([]);
  });
});

describe('requests that change state (POST)', () => {
  test.each([429, 503])('resends after HTTP %i: TMDb rejected it before acting on it', async (status) => {
    const rejected = postSession().reply(
      status,
      errorBody(25, 'Your request count (41) is over the allowed limit of 40.'),
    );
    const accepted = postSession().reply(200, SESSION);
    const { client } = testClient();

    await expect(client.createSession(REQUEST_TOKEN)).resolves.toEqual({ sessionId: SESSION_ID });

    rejected.done();
    accepted.done();
  });

  it('resends after a refused connection: the request never left', async () => {
    const refused = postSession().replyWithError(connectionRefused());
    const accepted = postSession().reply(200, SESSION);
    const { client } = testClient();

    await expect(client.createSession(REQUEST_TOKEN)).resolves.toEqual({ sessionId: SESSION_ID });

    refused.done();
    accepted.done();
  });

  test.each([500, 502, 504])('does not resend after HTTP %i: TMDb may have acted on it', async (status) => {
    const scope = postSession().once().reply(status, errorBody(11, 'Internal error.'));
    const { client } = testClient();

    const error = await rejectionOf(client.createSession(REQUEST_TOKEN));

    expect(error).toMatchObject({ name: 'TmdbApiError', httpStatus: status });
    scope.done();
  });

  it('does not resend after a reset mid-exchange', async () => {
    const scope = postSession().once().replyWithError(connectionReset());
    const { client } = testClient();

    const error = await rejectionOf(client.createSession(REQUEST_TOKEN));

    expect(error).toBeInstanceOf(TmdbNetworkError);
    expect(error).toMatchObject({ code: 'network_error', systemCode: 'ECONNRESET' });
    scope.done();
  });

  it('does not resend after a timeout', async () => {
    const scope = postSession().once().replyWithError(axiosTimeout(TIMEOUT_MS));
    const { client } = testClient({ timeoutMs: TIMEOUT_MS });

    const error = await rejectionOf(client.createSession(REQUEST_TOKEN));

    expect(error).toBeInstanceOf(TmdbTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', timeoutMs: TIMEOUT_MS });
    scope.done();
  });
});

describe('waiting between attempts', () => {
  it('backs off exponentially from retryDelayMs, capped at maxRetryDelayMs', async () => {
    const scope = getToken().times(6).reply(503, errorBody(9, 'Service offline.'));
    const { client, time } = testClient({ maxRetries: 5, retryDelayMs: 500, maxRetryDelayMs: 3_000 });

    await rejectionOf(client.createRequestToken());

    expect(time.sleeps).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
    scope.done();
  });

  it('takes up to a quarter off each delay as jitter', async () => {
    const scope = getToken().times(3).reply(503, errorBody(9, 'Service offline.'));
    const { client, time } = testClient({ random: () => 0.999999 });

    await rejectionOf(client.createRequestToken());

    expect(time.sleeps).toEqual([375, 750]);
    scope.done();
  });

  it('waits as long as Retry-After says in seconds, without jitter, then succeeds', async () => {
    const limited = getToken().reply(429, errorBody(25, 'Over the limit.'), { 'Retry-After': '3' });
    const ok = getToken().reply(200, TOKEN);
    const { client, time } = testClient({ random: () => 0.5 });

    await client.createRequestToken();

    expect(time.sleeps).toEqual([3_000]);
    limited.done();
    ok.done();
  });

  it('waits until a Retry-After HTTP date, measured on the server clock', async () => {
    const { client, time } = testClient();
    // The server's clock is an hour ahead of ours; the wait is still the 4 s it asked for.
    const serverNow = time.now() + 3_600_000;
    const limited = getToken().reply(429, errorBody(25, 'Over the limit.'), {
      Date: httpDate(serverNow),
      'Retry-After': httpDate(serverNow + 4_000),
    });
    const ok = getToken().reply(200, TOKEN);

    await client.createRequestToken();

    expect(time.sleeps).toEqual([4_000]);
    limited.done();
    ok.done();
  });

  it('fails at once with TmdbRateLimitError.retryAfterMs when Retry-After is longer than maxRetryAfterMs', async () => {
    const scope = getToken().once().reply(429, errorBody(25, 'Over the limit.'), { 'Retry-After': '120' });
    const { client, time } = testClient({ maxRetryAfterMs: 60_000 });

    const error = await rejectionOf(client.createRequestToken());

    expect(error).toBeInstanceOf(TmdbRateLimitError);
    expect(error).toBeInstanceOf(TmdbApiError);
    expect(error).toMatchObject({ code: 'rate_limited', httpStatus: 429, tmdbCode: 25, retryAfterMs: 120_000 });
    expect(time.sleeps).toEqual([]);
    scope.done();
  });

  it('fails at once when Retry-After would end past the call deadline', async () => {
    const scope = getToken().once().reply(429, errorBody(25, 'Over the limit.'), { 'Retry-After': '10' });
    const { client, time } = testClient();

    const error = await rejectionOf(client.createRequestToken({ deadlineMs: 5_000 }));

    expect(error).toMatchObject({ name: 'TmdbRateLimitError', retryAfterMs: 10_000 });
    expect(time.sleeps).toEqual([]);
    scope.done();
  });

  it('does not start a backoff wait that would end past the deadline', async () => {
    const scope = getToken().times(2).reply(503, errorBody(9, 'Service offline.'));
    const { client, time } = testClient({ retryDelayMs: 1_000, maxRetries: 5 });

    await rejectionOf(client.createRequestToken({ deadlineMs: 2_500 }));

    expect(time.sleeps).toEqual([1_000]);
    scope.done();
  });

  it('reports a 429 without Retry-After after the retries as TmdbRateLimitError with no retryAfterMs', async () => {
    const scope = getToken().times(3).reply(429, '');
    const { client, time } = testClient();

    const error = await rejectionOf(client.createRequestToken());

    expect(error).toMatchObject({ name: 'TmdbRateLimitError', retryAfterMs: undefined, tmdbCode: undefined });
    expect(time.sleeps).toEqual([500, 1_000]);
    scope.done();
  });

  it('calls onRetry before each wait with the attempt, the delay and the error', async () => {
    const scope = getToken().times(2).reply(502, errorBody(43, 'Could not connect to the backend server.'));
    const ok = getToken().reply(200, TOKEN);
    const seen: RetryInfo[] = [];
    const { client } = testClient({ onRetry: (info) => seen.push(info) });

    await client.createRequestToken();

    expect(seen.map(({ attempt, delayMs }) => ({ attempt, delayMs }))).toEqual([
      { attempt: 1, delayMs: 500 },
      { attempt: 2, delayMs: 1_000 },
    ]);
    expect(seen[0]?.error).toMatchObject({ name: 'TmdbApiError', httpStatus: 502, code: 'backend_unreachable' });
    scope.done();
    ok.done();
  });
});

describe('aborting', () => {
  it('ends a wait between attempts at once, with TmdbAbortError', async () => {
    const scope = getToken().once().reply(503, errorBody(9, 'Service offline.'));
    const controller = new AbortController();
    // A long sleep: only the abort can end it.
    const { client } = testClient({
      retryDelayMs: 60_000,
      sleep: sleepUntilAborted,
      onRetry: () => controller.abort(new Error('user left the page')),
    });

    const error = await rejectionOf(client.createRequestToken({ signal: controller.signal }));

    expect(error).toBeInstanceOf(TmdbAbortError);
    expect(error).toMatchObject({ code: 'aborted', cause: new Error('user left the page') });
    scope.done();
  });

  it('ends the request in flight at once, and does not retry it', async () => {
    const answer = heldAnswer(200, TOKEN);
    const scope = getToken().once().reply(answer.reply);
    const controller = new AbortController();
    const { client } = testClient();

    const pending = client.createRequestToken({ signal: controller.signal });
    await answer.arrived();
    controller.abort();
    const error = await rejectionOf(pending);

    expect(error).toBeInstanceOf(TmdbAbortError);
    scope.done();
  });

  it('sends nothing when the signal is already aborted', async () => {
    const scope = getToken().reply(200, TOKEN);
    const { client } = testClient();

    const error = await rejectionOf(client.createRequestToken({ signal: AbortSignal.abort() }));

    expect(error).toBeInstanceOf(TmdbAbortError);
    expect(scope.isDone()).toBe(false);
  });
});

describe('per-call retry settings', () => {
  it('take the call’s backoff delays over the client’s', async () => {
    const scope = getToken().times(4).reply(503, errorBody(9, 'Service offline.'));
    const { client, time } = testClient({ retryDelayMs: 500, maxRetryDelayMs: 8_000 });

    await rejectionOf(client.createRequestToken({ maxRetries: 3, retryDelayMs: 100, maxRetryDelayMs: 250 }));

    expect(time.sleeps).toEqual([100, 200, 250]);
    scope.done();
  });

  it('take the call’s maxRetryAfterMs over the client’s', async () => {
    const limited = getToken().reply(429, errorBody(25, 'Over the limit.'), { 'Retry-After': '90' });
    const ok = getToken().reply(200, TOKEN);
    const { client, time } = testClient({ maxRetryAfterMs: 60_000 });

    await client.createRequestToken({ maxRetryAfterMs: 120_000 });

    expect(time.sleeps).toEqual([90_000]);
    limited.done();
    ok.done();
  });
});
