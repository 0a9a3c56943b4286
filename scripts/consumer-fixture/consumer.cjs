// A CommonJS consumer: require() both entry points and make one real call.
const assert = require('node:assert/strict');
const { TmdbAuthClient, TmdbApiError, isTmdbApiError } = require('tmdb-auth-client');
const { AuthenticationApi, Configuration } = require('tmdb-auth-client/generated');

async function main() {
  assert.equal(typeof AuthenticationApi, 'function');
  assert.equal(typeof Configuration, 'function');
  const client = new TmdbAuthClient({ apiKey: process.env.TMDB_API_KEY, baseUrl: process.env.TMDB_BASE_URL });
  const token = await client.createRequestToken();
  assert.match(token.requestToken, /^[0-9a-f]{40}$/);
  assert.ok(token.expiresAt instanceof Date);
  const error = await client.createSession(token, { maxRetries: 0 }).catch((reason) => reason);
  assert.ok(error instanceof TmdbApiError && isTmdbApiError(error), `expected a TmdbApiError, got ${error}`);
  assert.equal(error.code, 'request_token_not_approved');
  console.log(`require: request token ${token.requestToken.slice(0, 6)}..., then ${error.name} ${error.code}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
