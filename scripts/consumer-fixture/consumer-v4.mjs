// The whole v4 flow with the installed package, against its own emulator: the generated v4 client, then tmdb.v4,
// then createSessionFromV4Token turning the access token into a v3 session.
import assert from 'node:assert/strict';
import { TmdbAuthClient } from 'tmdb-auth-client';
import { AuthApi, Configuration } from 'tmdb-auth-client/generated/v4';
import { EMULATOR_ACCESS_TOKEN, startTmdbEmulator } from 'tmdb-auth-client/testing';

const emulator = await startTmdbEmulator();
try {
  // The generated client, on the v4 root with the app's read access token as Bearer.
  const api = new AuthApi(new Configuration({ accessToken: EMULATOR_ACCESS_TOKEN }), emulator.v4BaseUrl);
  const { request_token: generatedToken } = (await api.authCreateRequestToken()).data;
  emulator.approve(generatedToken);
  const generated = (await api.authCreateAccessToken({ accessTokenRequest: { request_token: generatedToken } })).data;
  await api.authLogout({ deleteAccessTokenRequest: { access_token: generated.access_token } });
  assert.equal(emulator.hasAccessToken(generated.access_token), false);

  // The facade: request token, the approval page (a browser's GET), access token, v3 session, logout.
  const tmdb = new TmdbAuthClient({
    accessToken: EMULATOR_ACCESS_TOKEN,
    baseUrl: emulator.baseUrl,
    approvalBaseUrl: emulator.approvalBaseUrl,
  });
  const token = await tmdb.v4.createRequestToken();
  assert.ok(token.expiresAt instanceof Date && token.expiresAt.getTime() > Date.now());
  const page = await fetch(tmdb.v4.approvalUrl(token));
  assert.equal(page.status, 200);
  const { accessToken, accountId } = await tmdb.v4.createAccessToken(token);
  const { sessionId } = await tmdb.createSessionFromV4Token(accessToken);
  assert.equal(emulator.hasSession(sessionId), true);
  await tmdb.deleteSession(sessionId);
  await tmdb.v4.deleteAccessToken(accessToken);
  assert.equal(emulator.hasAccessToken(accessToken), false);
  assert.deepEqual(emulator.violations, []);
  console.log(`v4: generated client and tmdb.v4 flows, account ${accountId.slice(0, 4)}..., then a v3 session`);
} finally {
  await emulator.close();
}
