import { EMULATOR_API_KEY, startTmdbEmulator, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundle, consumerProject, nodeBuiltinsImportedBy, type ConsumerProject } from './runtime-project';

// The redirect login of a single-page app, in Chromium (the system's, driven by playwright-core, which downloads
// no browser). The page is served from one loopback origin and calls the emulator on another, as an app calls
// TMDb: CORS is on the path.

/** What browser-app.mjs puts on the page's window. */
interface PageGlobals {
  tmdbPage: {
    login: Promise<{ sessionId?: string; requestToken?: string; error?: string; redirecting?: boolean }>;
    guestSession(): Promise<string>;
    requestTokenWithRetries(): Promise<{
      requestToken: string;
      retries: { attempt: number; delayMs: number; code: string }[];
    }>;
    failedSession(requestToken: string): Promise<Record<string, unknown> | undefined>;
  };
}

const REPO_DIR = path.resolve(__dirname, '..', '..');

/** The system's Chromium; a missing one fails the test with the command that installs it. */
function chromiumPath(): string {
  try {
    return execFileSync(
      process.execPath,
      [path.join(REPO_DIR, 'scripts', 'ensure-system-binary.mjs'), 'chromium', '--check'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ).trim();
  } catch (error) {
    throw new Error(String((error as { stderr?: string }).stderr ?? error));
  }
}

let emulator: TmdbEmulator;
let project: ConsumerProject;
let site: http.Server;
let siteUrl: string;
let browser: Browser;
let page: Page;
const logged: string[] = [];

beforeAll(async () => {
  const executablePath = chromiumPath();
  emulator = await startTmdbEmulator();
  project = consumerProject();
  const app = await bundle(project.dir, `import './browser-app.mjs';`, { platform: 'browser', minify: true });
  expect(nodeBuiltinsImportedBy(app.metafile)).toEqual([]);

  const config = { apiKey: EMULATOR_API_KEY, baseUrl: emulator.baseUrl, approvalBaseUrl: emulator.approvalBaseUrl };
  const html =
    '<!doctype html><html><head><title>TMDb login</title></head><body>' +
    `<script>window.TMDB_CONFIG = ${JSON.stringify(config)};</script>` +
    '<script type="module" src="/app.js"></script></body></html>';
  site = http.createServer((req, res) => {
    if (req.url?.startsWith('/app.js')) res.writeHead(200, { 'content-type': 'text/javascript' }).end(app.code);
    else if (req.url?.startsWith('/login')) res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/login`;

  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  page = await browser.newPage();
  page.on('console', (message) => logged.push(message.text()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (site) await new Promise((resolve) => site.close(resolve));
  await emulator?.close();
  project?.remove();
});

it('runs the whole redirect login: token, approval page, back to the app, session', async () => {
  await Promise.all([page.waitForURL(/request_token=/), page.goto(siteUrl)]);
  const outcome = await page.evaluate(() => (globalThis as unknown as PageGlobals).tmdbPage.login);

  expect(outcome).toEqual({ sessionId: expect.any(String), requestToken: expect.any(String) });
  expect(emulator.hasSession(outcome.sessionId as string)).toBe(true);
  // The approval page redirected back to the app, which then took the token out of the address bar.
  expect(emulator.requests).toContainEqual(
    expect.objectContaining({ path: '/authenticate/{request_token}', status: 302 }),
  );
  expect(page.url()).toBe(siteUrl);
}, 30_000);

it('creates a guest session', async () => {
  const guestSessionId = await page.evaluate(() => (globalThis as unknown as PageGlobals).tmdbPage.guestSession());
  expect(emulator.hasGuestSession(guestSessionId)).toBe(true);
});

it('waits out a 429 as its Retry-After says, and retries', async () => {
  emulator.inject({ type: 'rate-limit', retryAfterSeconds: 1 }, { route: 'get-new-authentication-token' });
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).tmdbPage.requestTokenWithRetries());
  expect(result.retries).toEqual([{ attempt: 1, delayMs: 1000, code: 'rate_limited' }]);
  expect(result.requestToken).toEqual(expect.any(String));
}, 30_000);

it("shows an error's fields in the page, and logs no secret", async () => {
  logged.length = 0;
  const failure = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).tmdbPage.failedSession('0000000000000000000000000000000000000000'),
  );
  expect(failure).toEqual(
    expect.objectContaining({
      isTmdbError: true,
      name: 'TmdbApiError',
      code: 'request_token_invalid',
      httpStatus: 401,
      tmdbCode: expect.any(Number),
    }),
  );
  expect(logged.join('\n')).toContain('TmdbApiError');
  expect(logged.join('\n')).not.toContain(EMULATOR_API_KEY);
  expect(emulator.violations).toEqual([]);
}, 30_000);
