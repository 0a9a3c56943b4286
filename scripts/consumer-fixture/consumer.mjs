// An ES module consumer: import both entry points, check they are the same copy as require() gets, make one real call.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { TmdbAuthClient, TmdbError } from 'tmdb-auth-client';
import { AuthenticationApi } from 'tmdb-auth-client/generated';

const require = createRequire(import.meta.url);
// One copy of the package whichever way it is loaded: an error thrown by one is an instance of the other's class.
assert.equal(require('tmdb-auth-client').TmdbError, TmdbError);
assert.equal(require('tmdb-auth-client/generated').AuthenticationApi, AuthenticationApi);

const client = new TmdbAuthClient({ apiKey: process.env.TMDB_API_KEY, baseUrl: process.env.TMDB_BASE_URL });
const status = await client.validateKey();
assert.deepEqual(status, { statusCode: 1, statusMessage: 'Success.' });
console.log(`import: validateKey -> ${status.statusCode} ${status.statusMessage}`);
