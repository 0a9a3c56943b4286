import { TmdbAuthClient } from '../../client';
import { isTmdbApiError } from '../../errors';
import type { RetryInfo } from '../../options';
import {
  EMULATOR_ACCESS_TOKEN,
  EMULATOR_API_KEY,
  EMULATOR_USER,
  startTmdbEmulator,
  type TmdbEmulator,
} from '../../testing';
import { CliError } from '../cli-errors';
import { clientFor, type Command, type CommandContext } from '../command-context';
import { readEnvCredentials } from '../credentials';
import { EXIT_CODES } from '../exit-codes';
import { DEFAULT_POLL_INTERVAL_MS, waitForApproval } from '../wait-for-approval';
import { runV4Flow } from '../demo-v4';

/**
 * `tmdb-auth demo` (what `npm start` runs): the whole TMDb flow through the client, as a short transcript: v3,
 * then v4 user authentication (`demo-v4.ts`).
 * Without credentials it runs against an emulator started in this process, with a 503 and a 429 injected so
 * the retries show; with TMDB_API_KEY or TMDB_ACCESS_TOKEN it runs against TMDb (or --base-url) and waits for
 * you to approve the request in a browser.
 */
export const demoCommand: Command = async (context) => {
  const { out } = context;
  const real = readEnvCredentials(context.env) !== undefined;
  const emulator = real ? undefined : await startTmdbEmulator({ port: 0 });
  try {
    const onRetry = (info: RetryInfo) => out.say(`   ! ${describeRetry(info)}`);
    let client: TmdbAuthClient;
    // v4 takes the app's read access token, never an API key.
    let v4Client: TmdbAuthClient | undefined;
    if (emulator) {
      out.say('tmdb-auth demo: the TMDb login flow, against the built-in emulator (TMDB_API_KEY and');
      out.say('TMDB_ACCESS_TOKEN are not set). A 503 and a 429 are injected, so the retries show.');
      out.say(`Emulator: ${emulator.baseUrl}\n`);
      client = new TmdbAuthClient({
        apiKey: EMULATOR_API_KEY,
        baseUrl: emulator.baseUrl,
        approvalBaseUrl: emulator.approvalBaseUrl,
        onRetry,
      });
      emulator.inject({ type: 'server-error', status: 503 }, { route: 'get-new-authentication-token' });
      emulator.inject({ type: 'rate-limit', retryAfterSeconds: 1 }, { route: 'create-session' });
      v4Client = new TmdbAuthClient({
        accessToken: EMULATOR_ACCESS_TOKEN,
        baseUrl: emulator.baseUrl,
        approvalBaseUrl: emulator.approvalBaseUrl,
        onRetry,
      });
    } else {
      client = clientFor(context, { onRetry });
      v4Client = readEnvCredentials(context.env)?.accessToken === undefined ? undefined : client;
      out.say(`tmdb-auth demo: the TMDb login flow, against ${context.args.baseUrl ?? 'TMDb'}.\n`);
    }
    await runFlow(context, client, emulator);
    if (v4Client) await runV4Flow(context, v4Client, emulator);
    else out.say('\nv4 user authentication: skipped, it needs TMDB_ACCESS_TOKEN (the API Read Access Token).');
    summarise(context, emulator);
  } finally {
    await emulator?.close();
  }
};

async function runFlow(context: CommandContext, client: TmdbAuthClient, emulator: TmdbEmulator | undefined) {
  const { out, signal } = context;
  const step = (text: string) => out.say(text);
  const done = (text: string) => out.say(`   ✓ ${text}`);

  step('1. Create a request token');
  const token = await client.createRequestToken({ signal });
  done(`request token created; it expires at ${token.expiresAt.toISOString()}`);

  step('2. The user approves it on the approval page');
  const url = client.approvalUrl(token);
  let session;
  if (emulator) {
    // No browser opens: the demo fetches the page itself, as a browser would, and the emulator's page approves
    // at once as its demo user.
    out.say(`   → the demo opens ${url} itself, as your browser would;`);
    out.say(`     the emulator's page approves at once, as its demo user (\`${EMULATOR_USER.username}\`)`);
    const page = await fetch(url, { signal });
    if (!page.ok) throw new Error(`the emulator's approval page answered HTTP ${page.status}`);
    done(`approved by ${EMULATOR_USER.username}`);
    step('3. Create a session from the approved token');
    session = await client.createSession(token, { signal });
  } else {
    out.say(`   → open this page and approve the request:\n\n     ${url}\n`);
    out.say('   waiting for your approval (Ctrl-C to stop)...');
    step('3. Create a session from the approved token');
    session = await waitForApproval(client, token, {
      intervalMs: context.args.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      deadline: Number.POSITIVE_INFINITY,
      signal,
    });
  }
  // An emulator's session id is worthless outside it; a real one is a credential until step 5 ends it.
  done(emulator ? `session id: ${session.sessionId}` : 'session created (its id is a credential, so it is not shown)');

  step('4. Create a guest session');
  const guest = await client.createGuestSession({ signal });
  done(`guest session created; it expires at ${guest.expiresAt.toISOString()}`);

  step('5. Delete the session (log out)');
  await client.deleteSession(session.sessionId, { signal });
  done('session deleted');
}

function summarise({ out }: CommandContext, emulator: TmdbEmulator | undefined) {
  if (emulator) {
    if (emulator.violations.length > 0) {
      for (const v of emulator.violations)
        out.say(`   spec violation: ${v.method} ${v.path}: ${v.problems.join('; ')}`);
      throw new CliError(
        'The emulator saw requests that break the spec.',
        EXIT_CODES.unexpected,
        'This is a bug in tmdb-auth-client; please report it with the lines above.',
        'unexpected',
      );
    }
    out.say(`\nDone: ${emulator.requests.length} requests to the emulator, none breaking the spec.`);
  } else {
    out.say('\nDone.');
  }
}

function describeRetry({ error, delayMs, attempt }: RetryInfo): string {
  const what = error.request ? `${error.request.method} ${error.request.path}` : 'the request';
  const why = isTmdbApiError(error)
    ? `HTTP ${error.httpStatus}${error.tmdbCode === undefined ? '' : ` (TMDb code ${error.tmdbCode}: ${error.tmdbMessage ?? ''})`}`
    : error.code;
  return `${what} got ${why}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`;
}
