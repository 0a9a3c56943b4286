// What the emulator suites share: an emulator per test, closed after it; a client aimed at it whose waits between
// attempts take no time; a count of the requests it got; a browser's plain GET of a page.
import { TmdbAuthClient, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import {
  EMULATOR_API_KEY,
  startTmdbEmulator,
  type TmdbEmulator,
  type TmdbEmulatorOptions,
} from 'tmdb-auth-client/testing';

let running: TmdbEmulator | undefined;

/** Starts an emulator that closes after the current test (call `closeEmulatorAfterEach()` once per file). */
export async function startEmulator(options?: TmdbEmulatorOptions): Promise<TmdbEmulator> {
  running = await startTmdbEmulator(options);
  return running;
}

/** Registers the `afterEach` that closes what `startEmulator` started. */
export function closeEmulatorAfterEach(): void {
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
}

/** A client of `target` (by default with its demo API key) whose waits between attempts take no time. */
export function emulatorClient(
  target: TmdbEmulator,
  options: Partial<TmdbAuthClientOptions> = { apiKey: EMULATOR_API_KEY },
): TmdbAuthClient {
  return new TmdbAuthClient({
    baseUrl: target.baseUrl,
    approvalBaseUrl: target.approvalBaseUrl,
    sleep: () => Promise.resolve(),
    ...options,
  });
}

/** How many requests `target` got for `method` and `path` (the path as it logs them: `/3/...`, `/4/...`). */
export function requestsTo(target: TmdbEmulator, method: string, path: string): number {
  return target.requests.filter((request) => request.method === method && request.path === path).length;
}

/** A plain GET, as a browser opening a page sends it (redirects not followed, to see them). */
export async function browse(url: string): Promise<{ status: number; location: string | undefined; body: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return {
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    body: await response.text(),
  };
}

/** Approves a v3 request token on the emulator's approval page, as the user's browser would. */
export async function approveOnPage(target: TmdbEmulator, requestToken: string): Promise<void> {
  const page = await browse(`${target.approvalBaseUrl}/authenticate/${encodeURIComponent(requestToken)}`);
  if (page.status !== 200) throw new Error(`The approval page answered ${page.status}: ${page.body}`);
}

/** Approves a v4 request token on the emulator's v4 approval page, as the user's browser would. */
export async function approveV4OnPage(target: TmdbEmulator, requestToken: string): Promise<void> {
  const page = await browse(`${target.approvalBaseUrl}/auth/access?request_token=${encodeURIComponent(requestToken)}`);
  if (page.status !== 200) throw new Error(`The v4 approval page answered ${page.status}: ${page.body}`);
}
