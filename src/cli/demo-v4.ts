import type { TmdbAuthClient } from '../client';
import type { TmdbEmulator } from '../testing';
import type { CommandContext } from './command-context';
import { DEFAULT_POLL_INTERVAL_MS, pollUntilApproved } from './wait-for-approval';

/**
 * The v4 part of `tmdb-auth demo`: request token, approval on the v4 page, access token, a v3 session from it,
 * and logout of both. Against the emulator a `fetch` plays the browser; against TMDb it waits for you.
 */
export async function runV4Flow(context: CommandContext, client: TmdbAuthClient, emulator: TmdbEmulator | undefined) {
  const { out, signal } = context;
  const step = (text: string) => out.say(text);
  const done = (text: string) => out.say(`   ✓ ${text}`);

  out.say('\nTMDb v4 user authentication (with the API Read Access Token):');
  step('6. Create a v4 request token');
  const token = await client.v4.createRequestToken({}, { signal });
  done(`request token created (a JWT); it expires at ${token.expiresAt.toISOString()}`);

  step('7. The user approves it on the v4 approval page');
  const url = client.v4.approvalUrl(token);
  let access;
  if (emulator) {
    out.link(`   → the demo opens ${url} itself, as your browser would`, 'stdout');
    const page = await fetch(url, { signal });
    if (!page.ok) throw new Error(`the emulator's v4 approval page answered HTTP ${page.status}`);
    done('approved');
    step('8. Exchange it for the user’s access token');
    access = await client.v4.createAccessToken(token, { signal });
  } else {
    out.link(`   → open this page and approve the request:\n\n     ${url}\n`, 'stdout');
    out.say('   waiting for your approval (Ctrl-C to stop)...');
    step('8. Exchange it for the user’s access token');
    access = await pollUntilApproved(() => client.v4.createAccessToken(token, { signal }), token.expiresAt, {
      intervalMs: context.args.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      deadline: Number.POSITIVE_INFINITY,
      signal,
    });
  }
  done(`access token for account ${emulator ? access.accountId : '(not shown)'}; it does not expire`);

  step('9. Turn it into a v3 session (createSessionFromV4Token)');
  const session = await client.createSessionFromV4Token(access.accessToken, { signal });
  done(emulator ? `v3 session id: ${session.sessionId}` : 'v3 session created');

  step('10. Log out: delete the v3 session, then the v4 access token');
  await client.deleteSession(session.sessionId, { signal });
  await client.v4.deleteAccessToken(access.accessToken, { signal });
  done('session and access token deleted');
}
