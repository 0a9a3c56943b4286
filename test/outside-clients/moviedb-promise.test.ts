// moviedb-promise 4.0.8, a TMDb client on axios, runs its own authentication calls against the emulator.
//
// Base URL: its constructor's second argument (public `baseUrl`), with the trailing slash it appends paths to.
// Its authentication surface is `requestToken()` (GET /authentication/token/new, cached until it expires) and
// `retrieveSession()` (GET /authentication/session/new with the cached token). It has no call for
// validate_with_login, guest sessions, deleting a session or v4, so those are not run here. After a login it
// sends `session_id` in the query of every call, its own authentication calls included.
import { MovieDb } from 'moviedb-promise';
import { EMULATOR_API_KEY, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { approveOnPage, closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';

closeEmulatorAfterEach();

const SESSION_ID_NOTE = { type: 'undeclared-query-parameter', name: 'session_id' };

function movieDbOf(target: TmdbEmulator): MovieDb {
  return new MovieDb(EMULATOR_API_KEY, `${target.baseUrl}/`);
}

async function logIn(movieDb: MovieDb, target: TmdbEmulator): Promise<string> {
  const token = await movieDb.requestToken();
  expect(token).toMatchObject({ success: true, request_token: expect.any(String) });
  await approveOnPage(target, token.request_token as string);
  return movieDb.retrieveSession();
}

describe('moviedb-promise against the emulator', () => {
  it('logs in: a request token, approved on the approval page, then a session', async () => {
    const target = await startEmulator();
    const movieDb = movieDbOf(target);

    const sessionId = await logIn(movieDb, target);

    expect(target.hasSession(sessionId)).toBe(true);
    expect(movieDb.sessionId).toBe(sessionId);
    expect(target.requests.map((record) => [record.path, record.status])).toEqual([
      ['/3/authentication/token/new', 200],
      ['/authenticate/{request_token}', 200],
      ['/3/authentication/session/new', 200],
    ]);
    expect(target.violations).toEqual([]);
  });

  it('logs in again with a session already set, which it sends as `session_id` on every call', async () => {
    const target = await startEmulator();
    const first = await logIn(movieDbOf(target), target);
    // An app restores its user's session through the public `sessionId` field, then the user logs in again.
    const movieDb = movieDbOf(target);
    movieDb.sessionId = first;

    const second = await logIn(movieDb, target);

    expect(target.hasSession(second)).toBe(true);
    expect(second).not.toBe(first);
    const apiCalls = target.requests.slice(3).filter((record) => record.operationId !== undefined);
    expect(apiCalls.map((record) => [record.operationId, record.status, record.notes])).toEqual([
      ['get-new-authentication-token', 200, [SESSION_ID_NOTE]],
      ['get-new-authentication-session', 200, [SESSION_ID_NOTE]],
    ]);
    expect(target.violations).toEqual([]);
  });
});
