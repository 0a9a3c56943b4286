import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { closeEmulatorAfterEach, requestsTo, startEmulator } from '../helpers/emulator';
import { expectCleanOutput as expectClean, runCli, startCli } from '../helpers/run-cli';

// The subprocess tests start node; give them room on a slow CI machine.
jest.setTimeout(20_000);
closeEmulatorAfterEach();

const READ_TOKEN = { TMDB_ACCESS_TOKEN: EMULATOR_ACCESS_TOKEN };

let emulator: TmdbEmulator;

beforeEach(async () => {
  emulator = await startEmulator();
});

/** A v4 login through the emulator, for the logout tests: the user's access token. */
async function loggedInV4(): Promise<string> {
  const login = startCli(['login', '--v4', '--callback', '--base-url', emulator.baseUrl, '--json'], READ_TOKEN);
  const [url] = await login.waitFor('stderr', /http:\/\/\S+\/auth\/access\?request_token=\S+/);
  await (await fetch(url)).text();
  const result = await login.done;
  return (JSON.parse(result.stdout) as { access_token: string }).access_token;
}

describe('tmdb-auth --v4 against the emulator', () => {
  it('login --v4 --callback: finishes the moment the browser lands on the loopback address, without polling', async () => {
    const login = startCli(['login', '--v4', '--callback', '--base-url', emulator.baseUrl, '--json'], READ_TOKEN);
    const [url] = await login.waitFor('stderr', /http:\/\/\S+\/auth\/access\?request_token=\S+/);
    await login.waitFor('stderr', /Waiting for your browser to come back to http:\/\/127\.0\.0\.1:\d+\/callback\//);

    // The browser: the approval page redirects to the CLI's listener, which says the user can close the page.
    const landing = await fetch(url);
    const result = await login.done;

    expect(landing.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\/[0-9a-f]{32}$/);
    expect(await landing.text()).toMatch(/go back to the terminal/);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { access_token: string; account_id: string };
    expect(Object.keys(printed)).toEqual(['access_token', 'account_id']);
    expect(printed.account_id).toMatch(/^[0-9a-f]{24}$/);
    expect(emulator.hasAccessToken(printed.access_token)).toBe(true);
    expect(requestsTo(emulator, 'POST', '/4/auth/access_token')).toBe(1);
    expect(emulator.violations).toEqual([]);
    expectClean(result);
  });

  it('login --v4: polls until the user approves, then prints the access token (stdout) and account id', async () => {
    const login = startCli(['login', '--v4', '--base-url', emulator.baseUrl, '--interval', '0.05'], READ_TOKEN);
    const [, token] = await login.waitFor('stderr', /\/auth\/access\?request_token=(\S+)/);
    await login.waitFor('stderr', /Waiting for your approval/);

    emulator.approve(token as string);
    const result = await login.done;

    expect(result.code).toBe(0);
    const accessToken = result.stdout.trim();
    expect(emulator.hasAccessToken(accessToken)).toBe(true);
    expect(result.stderr).toMatch(/Account id: [0-9a-f]{24}/);
    expect(requestsTo(emulator, 'POST', '/4/auth/access_token')).toBeGreaterThanOrEqual(1);
    expectClean(result);
  });

  it('login --callback (v3): creates the session once the browser comes back, with no polling', async () => {
    const login = startCli(['login', '--callback', '--base-url', emulator.baseUrl], {
      TMDB_API_KEY: EMULATOR_API_KEY,
    });
    const [url] = await login.waitFor('stderr', /http:\/\/\S+\/authenticate\/\S+/);

    await (await fetch(url)).text();
    const result = await login.done;

    expect(result.code).toBe(0);
    expect(emulator.hasSession(result.stdout.trim())).toBe(true);
    expect(requestsTo(emulator, 'POST', '/3/authentication/session/new')).toBe(1);
    expectClean(result);
  });

  it('login --v4 --callback: exits 6 when the browser never comes back in time', async () => {
    const result = await runCli(
      ['login', '--v4', '--callback', '--timeout', '0.3', '--base-url', emulator.baseUrl],
      READ_TOKEN,
    );

    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/not approved in time/);
    expect(requestsTo(emulator, 'POST', '/4/auth/access_token')).toBe(0);
  });

  test.each([
    ['login --v4 with only an API key', ['login', '--v4'], { TMDB_API_KEY: EMULATOR_API_KEY }],
    ['login --v4 with no credentials', ['login', '--v4'], {}],
    ['login --v4 with a read access token TMDb refuses', ['login', '--v4'], { TMDB_ACCESS_TOKEN: 'eyJ.refused.x' }],
    [
      'logout --v4 with only an API key',
      ['logout', '--v4'],
      { TMDB_API_KEY: EMULATOR_API_KEY, TMDB_USER_ACCESS_TOKEN: 'eyJ.user.x' },
    ],
  ])('%s: exits 3, and the fix is v4’s: set TMDB_ACCESS_TOKEN, not TMDB_API_KEY', async (_, args, env) => {
    const result = await runCli([...args, '--base-url', emulator.baseUrl, '--json'], env);

    expect(result.code).toBe(3);
    const { error } = JSON.parse(result.stdout) as { error: { fix: string } };
    expect(error.fix).toMatch(/^Set TMDB_ACCESS_TOKEN to your API Read Access Token/);
    expect(error.fix).not.toContain('TMDB_API_KEY');
    expectClean(result);
  });

  it('logout --v4: deletes the access token from TMDB_USER_ACCESS_TOKEN, then exits 4 for it again', async () => {
    const accessToken = await loggedInV4();
    const env = { ...READ_TOKEN, TMDB_USER_ACCESS_TOKEN: accessToken };

    const first = await runCli(['logout', '--v4', '--base-url', emulator.baseUrl], env);
    const again = await runCli(['logout', '--v4', '--base-url', emulator.baseUrl], env);

    expect(first).toMatchObject({ code: 0, stdout: 'Access token deleted.\n' });
    expect(emulator.hasAccessToken(accessToken)).toBe(false);
    expect(again.code).toBe(4);
    expectClean(again, [EMULATOR_ACCESS_TOKEN, accessToken]);
  });

  it('logout --v4 -: reads the access token from stdin', async () => {
    const accessToken = await loggedInV4();

    const result = await runCli(
      ['logout', '--v4', '-', '--base-url', emulator.baseUrl],
      READ_TOKEN,
      `${accessToken}\n`,
    );

    expect(result.code).toBe(0);
    expect(emulator.hasAccessToken(accessToken)).toBe(false);
  });

  it('logout --v4 <token>: refuses a token on the command line (exit 2) without echoing it or sending it', async () => {
    const onArgv = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

    const result = await runCli(['logout', '--v4', onArgv, '--base-url', emulator.baseUrl], READ_TOKEN);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/TMDB_USER_ACCESS_TOKEN or stdin/);
    expect(emulator.requests).toEqual([]);
    expectClean(result, [onArgv]);
  });
});
