import { once } from 'node:events';
import net from 'node:net';
import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { closeEmulatorAfterEach, requestsTo, startEmulator } from '../helpers/emulator';
import {
  expectCleanOutput as expectClean,
  runCli,
  startCli as startCliProcess,
  type CliProcess,
} from '../helpers/run-cli';

// The subprocess tests start node; give them room on a slow CI machine.
jest.setTimeout(20_000);

const API_KEY = { TMDB_API_KEY: EMULATOR_API_KEY };
const READ_TOKEN = { TMDB_ACCESS_TOKEN: EMULATOR_ACCESS_TOKEN };
const WAITING = /Waiting for your browser to come back to (http:\/\/127\.0\.0\.1:(\d+)(\S*)) \(Ctrl-C/;

let emulator: TmdbEmulator;
let started: CliProcess[] = [];

// A login that wrongly goes on waiting (its token lasts an hour) must not outlive its failed test.
function startCli(...args: Parameters<typeof startCliProcess>): CliProcess {
  const cli = startCliProcess(...args);
  started.push(cli);
  return cli;
}

beforeEach(async () => {
  emulator = await startEmulator();
});

afterEach(() => {
  for (const cli of started) if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill();
  started = [];
});
// Registered after the hook above (jest runs afterEach hooks in that order): a running login stops before its
// emulator closes.
closeEmulatorAfterEach();

describe('login --callback: only the browser coming back with the CLI’s own request token ends the login', () => {
  it('listens on a path with a random segment; any other path is 404', async () => {
    const login = startCli(['login', '--callback', '--base-url', emulator.baseUrl], API_KEY);
    const [, callbackUrl, port, path] = (await login.waitFor('stderr', WAITING)) as string[];

    expect(path).toMatch(/^\/callback\/[0-9a-f]{32}$/);
    const guessed = await fetch(`http://127.0.0.1:${port}/callback?request_token=${'f'.repeat(40)}&approved=true`);
    expect(guessed.status).toBe(404);

    login.child.kill('SIGINT');
    const result = await login.done;
    expect(result.code).toBe(130);
    expect(requestsTo(emulator, 'POST', '/3/authentication/session/new')).toBe(0);
    expect(callbackUrl).toBe(`http://127.0.0.1:${port}${path}`);
  });

  it('answers 400 to a request token that is not its own and goes on waiting; its own ends the login', async () => {
    const login = startCli(['login', '--callback', '--base-url', emulator.baseUrl], API_KEY);
    const [approvalUrl] = await login.waitFor('stderr', /http:\/\/\S+\/authenticate\/\S+/);
    const [, callbackUrl] = (await login.waitFor('stderr', WAITING)) as string[];

    const forged = await fetch(`${callbackUrl}?request_token=${'f'.repeat(40)}&approved=true`);
    const unsigned = await fetch(`${callbackUrl}?approved=true`);
    expect(forged.status).toBe(400);
    expect(unsigned.status).toBe(400);
    expect(requestsTo(emulator, 'POST', '/3/authentication/session/new')).toBe(0);

    // The browser: the approval page sends it back with the CLI's own token.
    const landing = await fetch(approvalUrl);
    const result = await login.done;

    expect(landing.status).toBe(200);
    expect(result.code).toBe(0);
    expect(emulator.hasSession(result.stdout.trim())).toBe(true);
    expect(requestsTo(emulator, 'POST', '/3/authentication/session/new')).toBe(1);
    expectClean(result);
  });

  it('login --v4 --callback: a foreign request token is 400; one back before approval gets v4’s advice', async () => {
    const login = startCli(['login', '--v4', '--callback', '--base-url', emulator.baseUrl, '--json'], READ_TOKEN);
    const [, callbackUrl] = (await login.waitFor('stderr', WAITING)) as string[];

    const forged = await fetch(`${callbackUrl}?request_token=someone-elses-token&approved=true`);
    expect(forged.status).toBe(400);
    // v4's approval page may come back with nothing added: the path alone lets it in, and TMDb decides.
    const early = await fetch(callbackUrl as string);
    const result = await login.done;

    expect(early.status).toBe(200);
    expect(result.code).toBe(4);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string; fix: string } };
    expect(error.code).toBe('request_token_not_approved');
    expect(error.message).toContain('v4 request token');
    expect(error.fix).toContain('tmdb-auth login --v4');
    expect(error.fix).toContain('/auth/access?request_token=');
    expect(`${error.message} ${error.fix}`).not.toMatch(/approve-url|create the session|approvalUrl\(/);
    expectClean(result);
  });

  it('a busy --port is port_in_use (exit 2) with the fix, before anything is sent', async () => {
    const squatter = net.createServer();
    squatter.listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    const { port } = squatter.address() as net.AddressInfo;
    try {
      const result = await runCli(
        ['login', '--callback', '--port', String(port), '--base-url', emulator.baseUrl, '--json'],
        API_KEY,
      );

      expect(result.code).toBe(2);
      const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string; fix: string } };
      expect(error.code).toBe('port_in_use');
      expect(error.message).toContain(`Port ${port} is in use`);
      expect(error.fix).toContain('--port');
      expect(emulator.requests).toEqual([]);
    } finally {
      squatter.close();
    }
  });
});
