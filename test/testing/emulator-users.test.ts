import { TmdbAuthClient } from 'tmdb-auth-client';
import { EMULATOR_API_KEY, startTmdbEmulator, type TmdbEmulator } from 'tmdb-auth-client/testing';

let emulator: TmdbEmulator;
let tmdb: TmdbAuthClient;

beforeEach(async () => {
  emulator = await startTmdbEmulator();
  tmdb = new TmdbAuthClient({
    apiKey: EMULATOR_API_KEY,
    baseUrl: emulator.baseUrl,
    approvalBaseUrl: emulator.approvalBaseUrl,
    retryDelayMs: 0,
  });
});

afterEach(async () => {
  expect(emulator.violations).toEqual([]);
  await emulator.close();
});

const CALLBACK = 'https://app.example/tmdb/done';

/** A browser on the approval page, logged in as `user`: approves (or denies) and follows nothing. */
async function openApprovalPage(url: string, query: Record<string, string>): Promise<URL> {
  const page = new URL(url);
  for (const [name, value] of Object.entries(query)) page.searchParams.set(name, value);
  const response = await fetch(page, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') as string);
}

describe('two users’ redirect flows through one client', () => {
  it('each end with their own session, whatever the order of approvals and callbacks', async () => {
    // Each user's browser starts a login; the server keys the token by the browser session.
    const [adaToken, bobToken] = await Promise.all([
      tmdb.getValidRequestToken({ key: 'browser-session-ada' }),
      tmdb.getValidRequestToken({ key: 'browser-session-bob' }),
    ]);
    expect(adaToken.requestToken).not.toBe(bobToken.requestToken);

    // Bob approves first; Ada's callback arrives first.
    const bobBack = await openApprovalPage(tmdb.approvalUrl(bobToken, { redirectTo: CALLBACK }), { user: 'bob' });
    const adaBack = await openApprovalPage(tmdb.approvalUrl(adaToken, { redirectTo: CALLBACK }), { user: 'ada' });
    const ada = await tmdb.createSession(adaBack.searchParams.get('request_token') as string);
    const bob = await tmdb.createSession(bobBack.searchParams.get('request_token') as string);

    expect(emulator.sessionUser(ada.sessionId)).toBe('ada');
    expect(emulator.sessionUser(bob.sessionId)).toBe('bob');
    expect(adaBack.searchParams.get('approved')).toBe('true');
  });

  it('a user who starts again while their token is cached gets it back, and never another user’s', async () => {
    const first = await tmdb.getValidRequestToken({ key: 'ada' });
    const again = await tmdb.getValidRequestToken({ key: 'ada' });
    const other = await tmdb.getValidRequestToken({ key: 'bob' });
    expect(again.requestToken).toBe(first.requestToken);
    expect(other.requestToken).not.toBe(first.requestToken);
  });

  it('without a key there is one token for every caller: only for single-user programs', async () => {
    const one = await tmdb.getValidRequestToken();
    const two = await tmdb.getValidRequestToken();
    expect(two.requestToken).toBe(one.requestToken);
  });
});

describe('the emulator’s approvals carry a user', () => {
  it('approve(token, { user }) makes the session that user’s; the default approver is the first user', async () => {
    const named = await tmdb.createRequestToken();
    emulator.approve(named.requestToken, { user: 'ada' });
    const unnamed = await tmdb.createRequestToken();
    emulator.approve(unnamed.requestToken);

    expect(emulator.sessionUser((await tmdb.createSession(named)).sessionId)).toBe('ada');
    expect(emulator.sessionUser((await tmdb.createSession(unnamed)).sessionId)).toBe('demo');
  });

  it('validate_with_login makes the session the logged-in user’s', async () => {
    const { sessionId } = await tmdb.login({ username: 'demo', password: 'demo-password' });
    expect(emulator.sessionUser(sessionId)).toBe('demo');
  });

  it('sessionUser is undefined for unknown and deleted sessions', async () => {
    const token = await tmdb.createRequestToken();
    emulator.approve(token.requestToken);
    const { sessionId } = await tmdb.createSession(token);
    await tmdb.deleteSession(sessionId);
    expect(emulator.sessionUser(sessionId)).toBeUndefined();
    expect(emulator.sessionUser('nope')).toBeUndefined();
  });
});

describe('a user who denies', () => {
  it('deny(token): a session from it is refused as not approved', async () => {
    const token = await tmdb.createRequestToken();
    emulator.deny(token.requestToken);
    await expect(tmdb.createSession(token)).rejects.toMatchObject({
      code: 'request_token_not_approved',
      tmdbCode: 17,
    });
  });

  it('the approval page with deny=true redirects with denied=true', async () => {
    const token = await tmdb.createRequestToken();
    const back = await openApprovalPage(tmdb.approvalUrl(token, { redirectTo: CALLBACK }), { deny: 'true' });
    expect(back.searchParams.get('denied')).toBe('true');
    expect(back.searchParams.get('approved')).toBeNull();
    expect(back.searchParams.get('request_token')).toBe(token.requestToken);
    await expect(tmdb.createSession(token)).rejects.toMatchObject({ code: 'request_token_not_approved' });
  });

  it('deny and approve throw for a token that is not live', () => {
    expect(() => emulator.deny('0'.repeat(40))).toThrow(/no live request token/);
    expect(() => emulator.approve('0'.repeat(40), { user: 'ada' })).toThrow(/no live request token/);
  });
});

describe('arguments TMDb refuses are blamed as arguments', () => {
  it('createSessionFromV4Token with a junk token names the `accessToken` argument, not the options', async () => {
    const error = await tmdb.createSessionFromV4Token('junk').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'invalid_token', tmdbCode: 35 });
    expect(error?.message).toContain('`accessToken` argument');
    expect(error?.message).not.toMatch(/option/);
  });
});
