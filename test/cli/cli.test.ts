import {
  EMULATOR_ACCESS_TOKEN,
  EMULATOR_API_KEY,
  startTmdbEmulator,
  type TmdbEmulator,
} from 'tmdb-auth-client/testing';
import { closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';
import { API_KEY as FIXTURE_API_KEY } from '../helpers/fixtures';
import { expectCleanOutput, runCli, startCli, type CliResult } from '../helpers/run-cli';

// The subprocess tests start node; give them room on a slow CI machine.
jest.setTimeout(20_000);
closeEmulatorAfterEach();

const API_KEY = { TMDB_API_KEY: EMULATOR_API_KEY };
const PASSWORD = 'hunter2-correct-horse';

let emulator: TmdbEmulator;

beforeEach(async () => {
  emulator = await startEmulator({ users: [{ username: 'ada', password: PASSWORD }] });
});

// Output must never carry a credential or the password (nor a stack trace).
const expectClean = (result: CliResult, secrets = [EMULATOR_API_KEY, EMULATOR_ACCESS_TOKEN, PASSWORD]) =>
  expectCleanOutput(result, secrets);

describe('tmdb-auth against the emulator', () => {
  it('check-key: exits 0 and says the credentials are valid', async () => {
    const result = await runCli(['check-key', '--base-url', emulator.baseUrl], API_KEY);
    expect(result).toMatchObject({ code: 0, stdout: 'The credentials are valid (TMDb: Success.)\n' });
    expectClean(result);
  });

  it('check-key: works with TMDB_ACCESS_TOKEN as a Bearer token', async () => {
    const result = await runCli(['check-key', '--base-url', emulator.baseUrl, '--json'], {
      TMDB_ACCESS_TOKEN: EMULATOR_ACCESS_TOKEN,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ valid: true, status_code: 1, status_message: 'Success.' });
    expectClean(result);
  });

  it('check-key: exits 3 with TMDb’s message and the fix when the key is refused', async () => {
    const wrongKey = 'ffffffffffffffffffffffffffffffff';
    const result = await runCli(['check-key', '--base-url', emulator.baseUrl], { TMDB_API_KEY: wrongKey });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Invalid API key: You must be granted a valid key.');
    expect(result.stderr).toContain('Fix: Set TMDB_API_KEY');
    expect(result.stdout).toBe('');
    expectClean(result, [wrongKey]);
  });

  it('exits 3 and says where to get credentials when there are none', async () => {
    const result = await runCli(['token', '--base-url', emulator.baseUrl]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/No TMDb credentials[\s\S]*themoviedb\.org\/settings\/api/);
  });

  it('token --json: prints the request token and its expiry as JSON', async () => {
    const result = await runCli(['token', '--base-url', emulator.baseUrl, '--json'], API_KEY);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { request_token: string; expires_at: string };
    expect(printed.request_token).toMatch(/^[0-9a-f]{40}$/);
    expect(Number.isNaN(Date.parse(printed.expires_at))).toBe(false);
    expectClean(result);
  });

  it('approve-url: prints the emulator’s approval page, which approves the token', async () => {
    const result = await runCli(['approve-url', '--base-url', emulator.baseUrl, '--json'], API_KEY);
    expect(result.code).toBe(0);
    const { request_token: token, approval_url: url } = JSON.parse(result.stdout) as {
      request_token: string;
      approval_url: string;
    };
    expect(url).toBe(`${emulator.approvalBaseUrl}/authenticate/${token}`);
    expect((await fetch(url)).status).toBe(200);
    expectClean(result);
  });

  it('login: prints the approval page, waits for the approval, then prints the session id', async () => {
    const login = startCli(['login', '--base-url', emulator.baseUrl, '--interval', '0.05'], API_KEY);
    const [, token] = await login.waitFor('stderr', /\/authenticate\/([0-9a-f]{40})/);
    await login.waitFor('stderr', /Waiting for your approval/);
    emulator.approve(token as string);
    const result = await login.done;
    expect(result.code).toBe(0);
    const sessionId = result.stdout.trim();
    expect(emulator.hasSession(sessionId)).toBe(true);
    expect(emulator.violations).toEqual([]);
    expectClean(result);
  });

  it('login: exits 6 when nobody approves the request in time', async () => {
    const result = await runCli(
      ['login', '--base-url', emulator.baseUrl, '--interval', '0.05', '--timeout', '0.2'],
      API_KEY,
    );
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('The request token was not approved in time.');
  });

  it('login --username: reads the password from TMDB_PASSWORD and prints the session id', async () => {
    const result = await runCli(['login', '--username', 'ada', '--base-url', emulator.baseUrl, '--json'], {
      ...API_KEY,
      TMDB_PASSWORD: PASSWORD,
    });
    expect(result.code).toBe(0);
    const { session_id: sessionId } = JSON.parse(result.stdout) as { session_id: string };
    expect(emulator.hasSession(sessionId)).toBe(true);
    expectClean(result);
  });

  it('login --username: reads the password from stdin when it is not a terminal', async () => {
    const result = await runCli(
      ['login', '--username', 'ada', '--base-url', emulator.baseUrl],
      API_KEY,
      `${PASSWORD}\n`,
    );
    expect(result.code).toBe(0);
    expect(emulator.hasSession(result.stdout.trim())).toBe(true);
    expectClean(result);
  });

  it('login --username: exits 4 with TMDb’s message on a wrong password, without echoing it', async () => {
    const wrong = 'wrong-password-123';
    const result = await runCli(['login', '--username', 'ada', '--base-url', emulator.baseUrl], {
      ...API_KEY,
      TMDB_PASSWORD: wrong,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('Invalid username and/or password');
    expectClean(result, [EMULATOR_API_KEY, wrong]);
  });

  it('guest: prints a guest session id', async () => {
    const result = await runCli(['guest', '--base-url', emulator.baseUrl], API_KEY);
    expect(result.code).toBe(0);
    expect(emulator.hasGuestSession(result.stdout.trim())).toBe(true);
  });

  it('logout: deletes the session in TMDB_SESSION_ID, and exits 4 for one that does not exist', async () => {
    const login = await runCli(['login', '--username', 'ada', '--base-url', emulator.baseUrl], {
      ...API_KEY,
      TMDB_PASSWORD: PASSWORD,
    });
    const sessionId = login.stdout.trim();
    const first = await runCli(['logout', '--base-url', emulator.baseUrl], { ...API_KEY, TMDB_SESSION_ID: sessionId });
    expect(first).toMatchObject({ code: 0, stdout: 'Session deleted.\n' });
    expect(emulator.hasSession(sessionId)).toBe(false);

    const again = await runCli(['logout', '--base-url', emulator.baseUrl], { ...API_KEY, TMDB_SESSION_ID: sessionId });
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('The requested session could not be found.');
    expectClean(again, [EMULATOR_API_KEY, sessionId]);
  });

  it('logout -: reads the session id from standard input', async () => {
    const login = await runCli(['login', '--username', 'ada', '--base-url', emulator.baseUrl], {
      ...API_KEY,
      TMDB_PASSWORD: PASSWORD,
    });
    const sessionId = login.stdout.trim();
    const result = await runCli(['logout', '-', '--base-url', emulator.baseUrl], API_KEY, `${sessionId}\n`);
    expect(result).toMatchObject({ code: 0, stdout: 'Session deleted.\n' });
    expect(emulator.hasSession(sessionId)).toBe(false);
    expectClean(result, [EMULATOR_API_KEY, sessionId]);
  });

  it('logout <session id>: refused, so the secret stays out of ps and shell history, and never echoed', async () => {
    const sessionId = 'f'.repeat(40);
    const result = await runCli(['logout', sessionId, '--base-url', emulator.baseUrl], API_KEY);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/takes the session id from TMDB_SESSION_ID or stdin, not the command line/);
    expectClean(result, [sessionId]);
    expect(emulator.requests).toEqual([]);
  });

  it('logout without TMDB_SESSION_ID or -: exits 2 and says where the id goes', async () => {
    const result = await runCli(['logout', '--base-url', emulator.baseUrl, '--json'], API_KEY);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'no_session_id', exit_code: 2 } });
  });

  it('exits 5 when TMDb keeps failing, after the retries', async () => {
    emulator.inject({ type: 'server-error', status: 503 }, { times: Number.POSITIVE_INFINITY });
    const result = await runCli(['guest', '--base-url', emulator.baseUrl, '--json'], API_KEY);
    expect(result.code).toBe(5);
    const { error } = JSON.parse(result.stdout) as { error: { message: string; exit_code: number } };
    expect(error.message).toContain('Service offline');
    expect(error.exit_code).toBe(5);
  }, 30_000);
});

describe('tmdb-auth command line', () => {
  test.each([
    [['frob'], /Unknown command `frob`/],
    [['login', '--password', 'pw-on-argv-123'], /no --password option/],
    [['login', '--password=pw-on-argv-123'], /no --password option/],
    [['token', '--port', '1'], /takes no --port option/],
    [['login', '--interval', 'soon'], /--interval must be a number of seconds/],
    [['check-key', '--base-url', 'http://example.com/3'], /must use https/],
    [['check-key', 'extra', 'junk'], /`check-key` takes no arguments; 2 given/],
    [['token', 'extra'], /`token` takes no arguments/],
    [['guest', 'extra'], /`guest` takes no arguments/],
    [['login', 'extra'], /`login` takes no arguments/],
    [['demo', 'extra'], /`demo` takes no arguments/],
    [['emulator', 'extra'], /`emulator` takes no arguments/],
    [['approve-url', 'a', 'b'], /`approve-url` takes at most 1 argument/],
    [['help', 'frob'], /Unknown command `frob`/],
  ])('exits 2 for %j', async (args, message) => {
    const result = await runCli(args, API_KEY);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expectClean(result, ['pw-on-argv-123']);
  });

  // node:util's parser words its errors its own way ("positional argument", advice about `--`), and that wording
  // changes with Node; the command line says what is wrong in its own words, with the help hint.
  test.each([
    ['an unknown option', ['token', '--frob'], 'tmdb-auth: Unknown option `--frob`.'],
    [
      'a misspelt option',
      ['login', '--timout', '3'],
      'tmdb-auth: Unknown option `--timout`. Did you mean `--timeout`?',
    ],
    ['an unknown short option', ['token', '-x'], 'tmdb-auth: Unknown option `-x`.'],
    ['a missing value', ['login', '--callback', '--port'], 'tmdb-auth: `--port` needs a value: `--port <value>`.'],
    [
      'a value that is an option',
      ['login', '--port', '--callback'],
      'tmdb-auth: `--port` needs a value: `--port <value>`.',
    ],
    [
      'an unexpected value',
      ['token', '--json=yes'],
      'tmdb-auth: `--json` is a switch and takes no value: give it alone, without `=`.',
    ],
  ])('parser errors in our words: %s', async (_, args, message) => {
    const result = await runCli(args, API_KEY);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\nFix: Run \`tmdb-auth help\` for the commands and options.\n`);
  });

  it('masks only what came from outside: TMDB_PASSWORD=password leaves the word in our own advice', async () => {
    const env = { ...API_KEY, TMDB_PASSWORD: 'password' };

    const wrongLogin = await runCli(['login', '--username', 'ada', '--base-url', emulator.baseUrl], env);
    const onArgv = await runCli(['login', '--password', 'password'], env);
    const asCommand = await runCli(['password'], env);

    expect(wrongLogin.code).toBe(4);
    expect(wrongLogin.stderr).toContain('\nFix: Check the username and password, then run the command again.\n');
    expect(onArgv.stderr).toContain('tmdb-auth: There is no --password option: a password on the command line');
    // What the caller typed is theirs, not our words: still masked.
    expect(asCommand.stderr).toContain('tmdb-auth: Unknown command `[REDACTED]`.');
  });

  it('--help lists the commands and exit codes, and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const word of ['token', 'approve-url', 'login', 'guest', 'logout', 'check-key', 'emulator', 'Exit codes']) {
      expect(result.stdout).toContain(word);
    }
  });

  it('exits 5 when nothing listens at --base-url', async () => {
    const closed = await startTmdbEmulator();
    await closed.close();
    const result = await runCli(['check-key', '--base-url', closed.baseUrl], API_KEY);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/ECONNREFUSED/);
    expectClean(result);
  });

  it('emulator: serves, accepting the key from the shell, and prints the demo credentials, which are public', async () => {
    const ownKey = FIXTURE_API_KEY;
    const server = startCli(['emulator', '--port', '0', '--json'], { TMDB_API_KEY: ownKey });
    const [line] = await server.waitFor('stdout', /^\{.*\}\n/);
    const { base_url: baseUrl } = JSON.parse(line as string) as { base_url: string };
    await server.waitFor('stderr', /Stop with Ctrl-C/);

    const check = await runCli(['check-key', '--base-url', baseUrl], { TMDB_API_KEY: ownKey });
    expect(check.code).toBe(0);
    await server.waitFor('stderr', /GET \/3\/authentication -> 200/);

    server.child.kill('SIGINT');
    const result = await server.done;
    expect(result.stderr).toContain(`demo API key:          ${EMULATOR_API_KEY}`);
    expect(result.stderr).toContain(`demo access token:     ${EMULATOR_ACCESS_TOKEN}`);
    expect(result.stderr).toContain('demo user:             demo, password demo-password');
    expect(result.stderr).toContain('Emulator stopped.');
    expectClean(result, [ownKey]);
  });

  it('demo (npm start): runs the whole flow against its own emulator, retries showing, and exits 0', async () => {
    const result = await runCli(['demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/HTTP 503 \(TMDb code 9/);
    expect(result.stdout).toMatch(/HTTP 429 \(TMDb code 25/);
    expect(result.stdout).toMatch(/session id: [0-9a-f]{40}/);
    expect(result.stdout).toContain('none breaking the spec');
    // It says what happens: no browser opens, the demo fetches the page itself.
    expect(result.stdout).not.toMatch(/a browser opens/);
    expect(result.stdout).toContain('as your browser would');
    expectClean(result);
  });

  it('demo with credentials: runs against the given TMDb, waits for approval, and never shows the session id', async () => {
    const demo = startCli(['demo', '--base-url', emulator.baseUrl, '--interval', '0.05'], API_KEY);
    const [, token] = await demo.waitFor('stdout', /\/authenticate\/([0-9a-f]{40})/);
    emulator.approve(token as string);
    const result = await demo.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('session created (its id is a credential, so it is not shown)');
    expect(result.stdout).toContain('session deleted');
    expect(emulator.requests.filter((r) => r.fault !== undefined)).toEqual([]);
    expect(emulator.violations).toEqual([]);
    expectClean(result);
  });
});

describe('tmdb-auth as a careful user expects', () => {
  it('masks secrets, never its own words: a v3 key in TMDB_ACCESS_TOKEN is explained in full', async () => {
    const result = await runCli(['check-key', '--base-url', emulator.baseUrl], {
      TMDB_ACCESS_TOKEN: FIXTURE_API_KEY,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      'TMDB_ACCESS_TOKEN looks like a v3 API key (32 hexadecimal characters), which TMDb rejects as a Bearer token. Pass it as TMDB_API_KEY instead.',
    );
    expect(result.stderr).not.toContain('[REDACTED]');
    expectClean(result, [FIXTURE_API_KEY]);
  });

  test.each([
    ['a wrong command line', ['frob'], {}, 'usage', 2],
    ['no credentials', ['token'], {}, 'no_credentials', 3],
    ['refused credentials', ['check-key'], { TMDB_API_KEY: 'f'.repeat(32) }, 'invalid_api_key', 3],
    ['an unknown session', ['logout'], { ...API_KEY, TMDB_SESSION_ID: 'f'.repeat(40) }, 'session_not_found', 4],
    ['an unapproved token', ['login', '--interval', '0.05', '--timeout', '0.1'], API_KEY, 'approval_timeout', 6],
  ])('--json errors always carry code, message, fix and exit_code: %s', async (_, args, env, code, exitCode) => {
    const result = await runCli([...args, '--base-url', emulator.baseUrl, '--json'], env);
    expect(result.code).toBe(exitCode);
    const printed = JSON.parse(result.stdout) as { error: Record<string, unknown> };
    expect(Object.keys(printed)).toEqual(['error']);
    expect(Object.keys(printed.error).sort()).toEqual(['code', 'exit_code', 'fix', 'message']);
    expect(printed.error).toMatchObject({ code, exit_code: exitCode });
    expect(typeof printed.error['fix']).toBe('string');
    expect(printed.error['fix']).not.toBe('');
  });

  it('`help` is a command: usage on stdout, exit 0', async () => {
    const result = await runCli(['help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: tmdb-auth <command> [options]');
    expect(result.stderr).toBe('');
  });

  it('a bare `tmdb-auth` prints the usage on stderr and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: tmdb-auth <command> [options]');
  });

  it('`--json` alone is a JSON usage error; `--json --help` and `--json help` are JSON', async () => {
    const bare = await runCli(['--json']);
    expect(bare.code).toBe(2);
    expect(JSON.parse(bare.stdout)).toMatchObject({ error: { code: 'usage', exit_code: 2 } });

    for (const args of [
      ['--json', '--help'],
      ['help', '--json'],
    ]) {
      const help = await runCli(args);
      expect(help.code).toBe(0);
      const printed = JSON.parse(help.stdout) as { usage: string; commands: string[]; exit_codes: object };
      expect(printed.usage).toContain('Usage: tmdb-auth');
      expect(printed.commands).toContain('logout');
      expect(printed.exit_codes).toMatchObject({ interrupted: 130, terminated: 143 });
    }
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'emulator: %s, the way to stop it, prints a plain "stopped" line, no error, and exits %i',
    async (signal, code) => {
      const server = startCli(['emulator', '--port', '0']);
      await server.waitFor('stderr', /Stop with Ctrl-C/);
      server.child.kill(signal);
      const result = await server.done;
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(/Stop with Ctrl-C\.\nEmulator stopped\.\n$/);
      expect(result.stderr).not.toMatch(/tmdb-auth:|Fix:/);
    },
  );

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('login, waiting for approval: %s exits %i', async (signal, code) => {
    const login = startCli(['login', '--base-url', emulator.baseUrl, '--interval', '0.05', '--json'], API_KEY);
    await login.waitFor('stderr', /Waiting for your approval/);
    login.child.kill(signal);
    const result = await login.done;
    expect(result.code).toBe(code);
    expect(JSON.parse(result.stdout)).toMatchObject({
      error: { code: signal === 'SIGINT' ? 'interrupted' : 'terminated', exit_code: code },
    });
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('logout -, waiting on standard input: %s exits %i', async (signal, code) => {
    const logout = startCli(['logout', '-', '--base-url', emulator.baseUrl], API_KEY);
    // Nothing is written to its stdin, so it waits there.
    await logout.waitFor('stderr', /Reading the session id from standard input/);
    logout.child.kill(signal);
    expect((await logout.done).code).toBe(code);
  });
});
