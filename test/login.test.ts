import nock from 'nock';
import { TmdbApiError } from 'tmdb-auth-client';
import {
  BASE_URL,
  PASSWORD,
  SESSION_ID,
  USERNAME,
  errorBody,
  rejectionOf,
  testClient,
  tokenBody,
  withKey,
} from './helpers/tmdb';

const FIRST = 'a'.repeat(40);
const SECOND = 'b'.repeat(40);
const credentials = { username: USERNAME, password: PASSWORD };

function newToken(token: string) {
  return nock(BASE_URL)
    .get('/authentication/token/new')
    .query(withKey)
    .reply(200, tokenBody('2030-01-01 00:00:00 UTC', token));
}
function validate(token: string) {
  // The password travels in the JSON body; the query holds the API key and nothing else.
  return nock(BASE_URL)
    .post('/authentication/token/validate_with_login', { username: USERNAME, password: PASSWORD, request_token: token })
    .query(withKey);
}
function createSession(token: string) {
  return nock(BASE_URL).post('/authentication/session/new', { request_token: token }).query(withKey);
}

/** Logs in against the answers `scopes` give, in order, and expects the session `sessionId` and every answer used. */
async function expectLoginToEndIn(sessionId: string, scopes: nock.Scope[]) {
  const { client } = testClient();
  await expect(client.login(credentials)).resolves.toEqual({ sessionId });
  scopes.forEach((scope) => scope.done());
}

describe('login', () => {
  it('creates a token, validates it with the login in a JSON body, and creates a session', async () => {
    await expectLoginToEndIn(SESSION_ID, [
      newToken(FIRST),
      validate(FIRST).reply(200, tokenBody('2030-01-01 00:00:00 UTC', FIRST)),
      createSession(FIRST).reply(200, { success: true, session_id: SESSION_ID }),
    ]);
  });

  it('starts again once with a fresh token when TMDb says the token expired or was used (code 33)', async () => {
    await expectLoginToEndIn(SESSION_ID, [
      newToken(FIRST),
      validate(FIRST).reply(
        401,
        errorBody(33, 'Invalid request token: The request token is either expired or invalid.'),
      ),
      newToken(SECOND),
      validate(SECOND).reply(200, tokenBody('2030-01-01 00:00:00 UTC', SECOND)),
      createSession(SECOND).reply(200, { success: true, session_id: SESSION_ID }),
    ]);
  });

  it('also starts again when the session step finds the token expired', async () => {
    await expectLoginToEndIn(SESSION_ID, [
      newToken(FIRST),
      validate(FIRST).reply(200, tokenBody('2030-01-01 00:00:00 UTC', FIRST)),
      createSession(FIRST).reply(401, errorBody(33, 'Invalid request token.')),
      newToken(SECOND),
      validate(SECOND).reply(200, tokenBody('2030-01-01 00:00:00 UTC', SECOND)),
      createSession(SECOND).reply(200, { success: true, session_id: SESSION_ID }),
    ]);
  });

  it('gives up when the fresh token is refused too', async () => {
    const scopes = [
      newToken(FIRST),
      validate(FIRST).reply(401, errorBody(33, 'Invalid request token.')),
      newToken(SECOND),
      validate(SECOND).reply(401, errorBody(33, 'Invalid request token.')),
    ];
    const { client } = testClient();

    const error = await rejectionOf(client.login(credentials));

    expect(error).toMatchObject({ name: 'TmdbApiError', tmdbCode: 33, code: 'request_token_invalid' });
    scopes.forEach((scope) => scope.done());
  });

  it('fails at once on invalid credentials (code 30), without a second try or a session call', async () => {
    const scopes = [
      newToken(FIRST),
      validate(FIRST).reply(401, errorBody(30, 'Invalid username and/or password: You did not provide a valid login.')),
    ];
    const session = createSession(FIRST).reply(200, { success: true, session_id: SESSION_ID });
    const { client } = testClient();

    const error = await rejectionOf(client.login(credentials));

    expect(error).toBeInstanceOf(TmdbApiError);
    expect(error).toMatchObject({ tmdbCode: 30, code: 'invalid_credentials', httpStatus: 401 });
    scopes.forEach((scope) => scope.done());
    expect(session.isDone()).toBe(false);
  });

  it('never uses the token getValidRequestToken shares', async () => {
    const { client } = testClient();
    const shared = newToken(FIRST);
    await client.getValidRequestToken();
    const scopes = [
      newToken(SECOND),
      validate(SECOND).reply(200, tokenBody('2030-01-01 00:00:00 UTC', SECOND)),
      createSession(SECOND).reply(200, { success: true, session_id: SESSION_ID }),
    ];

    await client.login(credentials);

    shared.done();
    scopes.forEach((scope) => scope.done());
    await expect(client.getValidRequestToken()).resolves.toMatchObject({ requestToken: FIRST });
  });
});
