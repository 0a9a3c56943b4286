// node-themoviedb 0.2.8, a TMDb client on got, runs its own authentication calls against the emulator.
//
// Base URL: it has no option or public field for one. Every call goes through one got instance, the default
// export of its module `dist/utils/requests` (`prefixUrl: 'https://api.themoviedb.org/3'`), which its endpoints
// read at call time; the test replaces that export with the same instance extended with the emulator's
// `prefixUrl` (got's own `extend`), and puts the original back afterwards.
// It sends `language` (en-US by default) in the query of every call, its authentication calls included. It has
// every v3 authentication call, converting a v4 access token to a session among them, and no v4 calls.
import MovieDB from 'node-themoviedb';
import { TmdbAuthClient } from 'tmdb-auth-client';
import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, EMULATOR_USER, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { approveOnPage, approveV4OnPage, closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';

interface GotLike {
  extend(options: { prefixUrl: string }): GotLike;
}

const transport = jest.requireActual<{ default: GotLike }>('node-themoviedb/dist/utils/requests');
const tmdbTransport = transport.default;

afterEach(() => {
  transport.default = tmdbTransport;
});
closeEmulatorAfterEach();

async function started(): Promise<{ target: TmdbEmulator; movieDb: MovieDB }> {
  const target = await startEmulator();
  transport.default = tmdbTransport.extend({ prefixUrl: target.baseUrl });
  return { target, movieDb: new MovieDB(EMULATOR_API_KEY) };
}

describe('node-themoviedb against the emulator', () => {
  it('creates a session from a request token approved on the approval page, and deletes it', async () => {
    const { target, movieDb } = await started();

    const token = await movieDb.authentication.createRequestToken();
    expect(token.data).toMatchObject({ success: true, request_token: expect.any(String) });
    await approveOnPage(target, token.data.request_token);
    const session = await movieDb.authentication.createSession({
      body: { request_token: token.data.request_token },
    });
    expect(target.hasSession(session.data.session_id)).toBe(true);
    const deleted = await movieDb.authentication.deleteSession({ body: { session_id: session.data.session_id } });

    expect(deleted.data).toMatchObject({ success: true });
    expect(target.hasSession(session.data.session_id)).toBe(false);
    expect(target.violations).toEqual([]);
  });

  it('logs in with a username and password (validate_with_login), then creates a session', async () => {
    const { target, movieDb } = await started();

    const token = await movieDb.authentication.createRequestToken();
    const validated = await movieDb.authentication.createSessionWithLogin({
      body: { ...EMULATOR_USER, request_token: token.data.request_token },
    });
    expect(validated.data).toMatchObject({ success: true, request_token: token.data.request_token });
    const session = await movieDb.authentication.createSession({
      body: { request_token: token.data.request_token },
    });

    expect(target.sessionUser(session.data.session_id)).toBe(EMULATOR_USER.username);
    expect(target.violations).toEqual([]);
  });

  it('creates a guest session', async () => {
    const { target, movieDb } = await started();
    const guest = await movieDb.authentication.createGuestSession();
    expect(target.hasGuestSession(guest.data.guest_session_id)).toBe(true);
    expect(target.violations).toEqual([]);
  });

  it('converts a v4 user access token (made with tmdb-auth-client: it has no v4 calls) to a session', async () => {
    const { target, movieDb } = await started();
    const v4 = new TmdbAuthClient({ accessToken: EMULATOR_ACCESS_TOKEN, baseUrl: target.baseUrl }).v4;
    const requestToken = await v4.createRequestToken();
    await approveV4OnPage(target, requestToken.requestToken);
    const { accessToken } = await v4.createAccessToken(requestToken);

    const session = await movieDb.authentication.createSessionFromAccessToken({ body: { access_token: accessToken } });

    expect(target.hasSession(session.data.session_id)).toBe(true);
    expect(target.violations).toEqual([]);
  });

  it('sends `language` on every call, which the emulator notes and lets pass, as TMDb does', async () => {
    const { target, movieDb } = await started();
    await movieDb.authentication.createRequestToken();
    await movieDb.authentication.createGuestSession();

    expect(target.requests.map((record) => [record.status, record.notes])).toEqual([
      [200, [{ type: 'undeclared-query-parameter', name: 'language' }]],
      [200, [{ type: 'undeclared-query-parameter', name: 'language' }]],
    ]);
  });
});
