import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';
import { errorBody } from '../helpers/tmdb';

closeEmulatorAfterEach();

const SESSION_ID = '2629f70fb498edc263a0adb99118ac41f0053e8c';

async function get(target: TmdbEmulator, pathAndQuery: string) {
  const response = await fetch(`${target.baseUrl}${pathAndQuery}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('query parameters the spec does not declare, accepted as TMDb accepts them', () => {
  it('answers a request token to a call carrying `language` and `session_id`, and notes both names', async () => {
    const target = await startEmulator();
    const answer = await get(
      target,
      `/authentication/token/new?api_key=${EMULATOR_API_KEY}&language=en-US&session_id=${SESSION_ID}`,
    );

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ success: true, request_token: expect.any(String) });
    expect(target.requests).toEqual([
      expect.objectContaining({
        path: '/3/authentication/token/new',
        status: 200,
        notes: [
          { type: 'undeclared-query-parameter', name: 'language' },
          { type: 'undeclared-query-parameter', name: 'session_id' },
        ],
      }),
    ]);
    expect(target.violations).toEqual([]);
    // Names only: the session id sent as a value is nowhere in the log.
    expect(JSON.stringify(target.requests)).not.toContain(SESSION_ID);
  });

  it('notes nothing on a request that carries only what the spec declares', async () => {
    const target = await startEmulator();
    await get(target, `/authentication/token/new?api_key=${EMULATOR_API_KEY}`);
    expect(target.requests[0]?.notes).toEqual([]);
  });

  it('accepts an undeclared parameter on a POST form and on a v4 call too', async () => {
    const target = await startEmulator();
    const { request_token: requestToken } = (await get(target, `/authentication/token/new?api_key=${EMULATOR_API_KEY}`))
      .body as { request_token: string };
    const login = await fetch(
      `${target.baseUrl}/authentication/token/validate_with_login?api_key=${EMULATOR_API_KEY}&language=en-US`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password: 'demo-password', request_token: requestToken }),
      },
    );
    const v4 = await fetch(`${target.v4BaseUrl}/auth/request_token?language=en-US`, {
      method: 'POST',
      headers: { authorization: `Bearer ${EMULATOR_ACCESS_TOKEN}` },
    });

    expect([login.status, v4.status]).toEqual([200, 200]);
    expect(target.requests.slice(1).map((record) => record.notes)).toEqual([
      [{ type: 'undeclared-query-parameter', name: 'language' }],
      [{ type: 'undeclared-query-parameter', name: 'language' }],
    ]);
    expect(target.violations).toEqual([]);
  });

  it('notes a `__proto__`, `constructor` or `toString` parameter like any other name', async () => {
    const target = await startEmulator();
    const answer = await get(
      target,
      `/authentication/token/new?api_key=${EMULATOR_API_KEY}&__proto__=x&constructor=y&toString=z`,
    );
    expect(answer.status).toBe(200);
    expect(target.requests[0]?.notes.map((note) => note.name)).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('masks a parameter name that looks like an id, and keeps at most 20 notes on a record', async () => {
    const target = await startEmulator();
    const many = Array.from({ length: 30 }, (_, i) => `p${i}=1`).join('&');
    await get(target, `/authentication/token/new?api_key=${EMULATOR_API_KEY}&${SESSION_ID}=1&${many}`);

    const notes = target.requests[0]?.notes ?? [];
    expect(notes).toHaveLength(20);
    expect(notes[0]).toEqual({ type: 'undeclared-query-parameter', name: '[REDACTED]' });
    expect(JSON.stringify(target.requests)).not.toContain(SESSION_ID);
  });
});

describe('`strictQuery: true`, which holds a client to the spec’s exact query parameters', () => {
  it('refuses an undeclared parameter with 422 and code 5, and logs the violation by name', async () => {
    const target = await startEmulator({ strictQuery: true });
    const answer = await get(target, `/authentication/token/new?api_key=${EMULATOR_API_KEY}&language=en-US`);

    expect(answer).toEqual({
      status: 422,
      body: errorBody(5, 'Invalid parameters: Your request parameters are incorrect.'),
    });
    expect(target.violations[0]).toMatchObject({
      direction: 'request',
      operationId: 'get-new-authentication-token',
      problems: ['query parameter `language` is not in the spec'],
    });
    expect(target.requests[0]?.notes).toEqual([]);
  });

  it('refuses a v4 call with 400 and code 47, as v4 answers invalid input', async () => {
    const target = await startEmulator({ strictQuery: true });
    const response = await fetch(`${target.v4BaseUrl}/auth/request_token?language=en-US`, {
      method: 'POST',
      headers: { authorization: `Bearer ${EMULATOR_ACCESS_TOKEN}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status_code: 47 });
  });

  it('does not let a `__proto__` parameter slip past its check', async () => {
    const target = await startEmulator({ strictQuery: true });
    const answer = await get(target, `/authentication/token/new?api_key=${EMULATOR_API_KEY}&__proto__=x`);
    expect(answer.status).toBe(422);
    expect(target.violations[0]?.problems).toEqual(['query parameter `__proto__` is not in the spec']);
  });

  it('still answers a request that carries only declared parameters', async () => {
    const target = await startEmulator({ strictQuery: true });
    const answer = await get(target, `/authentication/token/new?api_key=${EMULATOR_API_KEY}`);
    expect(answer.status).toBe(200);
    expect(target.violations).toEqual([]);
  });
});
