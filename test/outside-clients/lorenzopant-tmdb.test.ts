// @lorenzopant/tmdb 1.26.0, a TMDb client on fetch, runs its own authentication calls against the emulator.
//
// Base URL: it has no option or public field for one. Each `TMDB` (and its `v4`) sends every call through an
// internal client, its `client` field (private in its types), whose `baseUrl` field it reads on every call
// (`https://api.themoviedb.org/3`, or `/4` for `v4`); the test sets that field to the emulator's API root.
// It ships only as an ES module: jest loads it compiled to CommonJS (jest.config.js), and its types are read as an
// ES module's. It has every v3 authentication call but converting a v4 token, and v4's request token, access
// token and logout (v4 needs a read access token, a JWT).
import type { TMDBv4 } from '@lorenzopant/tmdb' with { 'resolution-mode': 'import' };
import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, EMULATOR_USER, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { approveOnPage, approveV4OnPage, closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';

type LorenzopantTmdb = typeof import('@lorenzopant/tmdb', { with: { 'resolution-mode': 'import' } });
const { TMDB } = jest.requireActual<LorenzopantTmdb>('@lorenzopant/tmdb');

closeEmulatorAfterEach();

function aimAt(client: InstanceType<typeof TMDB> | TMDBv4, baseUrl: string): void {
  (client as unknown as { client: { baseUrl: string } }).client.baseUrl = baseUrl;
}

async function started(credential: string): Promise<{ target: TmdbEmulator; tmdb: InstanceType<typeof TMDB> }> {
  const target = await startEmulator();
  const tmdb = new TMDB(credential);
  aimAt(tmdb, target.baseUrl);
  return { target, tmdb };
}

describe('@lorenzopant/tmdb against the emulator', () => {
  it('creates a session from a request token approved on the approval page, and deletes it', async () => {
    const { target, tmdb } = await started(EMULATOR_API_KEY);

    const token = await tmdb.authentication.create_request_token();
    expect(token).toMatchObject({ success: true, request_token: expect.any(String) });
    await approveOnPage(target, token.request_token);
    const { session_id: sessionId } = await tmdb.authentication.create_session({
      request_token: token.request_token,
    });
    expect(target.hasSession(sessionId)).toBe(true);
    const deleted = await tmdb.authentication.delete_session({ session_id: sessionId });

    expect(deleted).toMatchObject({ success: true });
    expect(target.hasSession(sessionId)).toBe(false);
    expect(target.violations).toEqual([]);
  });

  it('logs in with a username and password (validate_with_login), then creates a session', async () => {
    const { target, tmdb } = await started(EMULATOR_API_KEY);

    const token = await tmdb.authentication.create_request_token();
    const validated = await tmdb.authentication.create_session_with_login({
      ...EMULATOR_USER,
      request_token: token.request_token,
    });
    expect(validated).toMatchObject({ success: true, request_token: token.request_token });
    const { session_id: sessionId } = await tmdb.authentication.create_session({
      request_token: token.request_token,
    });

    expect(target.sessionUser(sessionId)).toBe(EMULATOR_USER.username);
    expect(target.violations).toEqual([]);
  });

  it('creates a guest session, and validates its key', async () => {
    const { target, tmdb } = await started(EMULATOR_API_KEY);

    const guest = await tmdb.authentication.create_guest_session();
    const key = await tmdb.authentication.validate_key();

    expect(target.hasGuestSession(guest.guest_session_id)).toBe(true);
    expect(key).toMatchObject({ success: true, status_code: 1 });
    expect(target.violations).toEqual([]);
  });

  it('runs v3 authentication with a read access token (Bearer) instead of an API key', async () => {
    const { target, tmdb } = await started(EMULATOR_ACCESS_TOKEN);

    const token = await tmdb.authentication.create_request_token();
    await approveOnPage(target, token.request_token);
    const { session_id: sessionId } = await tmdb.authentication.create_session({
      request_token: token.request_token,
    });

    expect(target.hasSession(sessionId)).toBe(true);
    expect(target.violations).toEqual([]);
  });

  it('runs v4: a request token approved on the v4 approval page, an access token, and logout', async () => {
    const { target, tmdb } = await started(EMULATOR_ACCESS_TOKEN);
    aimAt(tmdb.v4, target.v4BaseUrl);

    const requestToken = await tmdb.v4.auth.create_request_token();
    expect(requestToken).toMatchObject({ success: true, request_token: expect.any(String) });
    await approveV4OnPage(target, requestToken.request_token);
    const access = await tmdb.v4.auth.create_access_token({ request_token: requestToken.request_token });
    expect(target.hasAccessToken(access.access_token)).toBe(true);
    const loggedOut = await tmdb.v4.auth.delete_access_token({ access_token: access.access_token });

    expect(loggedOut).toMatchObject({ success: true });
    expect(target.hasAccessToken(access.access_token)).toBe(false);
    expect(target.violations).toEqual([]);
  });
});
