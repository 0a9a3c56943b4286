import axios, { AxiosError } from 'axios';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { TmdbAuthClient, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { fakeTime } from './helpers/fake-time';
import { leakedSecrets } from './helpers/secret-scan';
import {
  ACCESS_TOKEN,
  API_KEY,
  BASE_URL,
  PASSWORD,
  REQUEST_TOKEN,
  SESSION_ID,
  USERNAME,
  V4_USER_ACCESS_TOKEN as V4_USER_TOKEN,
  GUEST_SESSION_ID,
  axiosTimeout,
  rejectionOf,
} from './helpers/tmdb';

const SECRETS = {
  API_KEY,
  ACCESS_TOKEN,
  PASSWORD,
  REQUEST_TOKEN,
  SESSION_ID,
  V4_USER_TOKEN,
  GUEST_SESSION_ID,
};

// A hostile server: its messages quote back every secret it was sent, in every shape, and ids it may know
// from elsewhere. (A password it can only know from the call that sends one.)
const ECHO = `Bad request token ${REQUEST_TOKEN} for session ${SESSION_ID}, guest ${GUEST_SESSION_ID}, v4 ${V4_USER_TOKEN}; url ?api_key=${API_KEY}&x=1, header Bearer ${ACCESS_TOKEN}, password=${PASSWORD}&, "password": "${PASSWORD}"`;

type Call = (client: TmdbAuthClient) => Promise<unknown>;
const CALLS: [string, string, string, Call][] = [
  [
    'validateWithLogin',
    'POST',
    '/authentication/token/validate_with_login',
    (c) => c.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD }),
  ],
  ['createSession', 'POST', '/authentication/session/new', (c) => c.createSession(REQUEST_TOKEN)],
  ['deleteSession', 'DELETE', '/authentication/session', (c) => c.deleteSession(SESSION_ID)],
  [
    'createSessionFromV4Token',
    'POST',
    '/authentication/session/convert/4',
    (c) => c.createSessionFromV4Token(V4_USER_TOKEN),
  ],
  ['createGuestSession', 'GET', '/authentication/guest_session/new', (c) => c.createGuestSession()],
];

type Fault = (scope: nock.Interceptor) => nock.Scope;
const FAULTS: [string, Fault, Partial<TmdbAuthClientOptions>?][] = [
  [
    'a TMDb error that quotes the secrets',
    (i) => i.reply(401, { success: false, status_code: 33, status_message: ECHO }),
  ],
  ['a 422 in the errors shape', (i) => i.reply(422, { errors: [ECHO] })],
  [
    'a 429 past maxRetryAfterMs',
    (i) => i.reply(429, { status_code: 25, status_message: ECHO }, { 'Retry-After': '3600' }),
  ],
  ['a timeout', (i) => i.replyWithError(axiosTimeout(10_000))],
  ['a 200 with a body that is not the model', (i) => i.reply(200, { echoed: ECHO })],
  ['a 200 with an HTML page', (i) => i.reply(200, `<html>${ECHO}</html>`)],
];

const CREDENTIALS: [string, Partial<TmdbAuthClientOptions>][] = [
  ['an API key', { apiKey: API_KEY }],
  ['a read access token', { accessToken: ACCESS_TOKEN }],
];

function expectNoSecret(error: unknown) {
  expect(error).toBeInstanceOf(Error);
  expect(leakedSecrets(error, SECRETS)).toEqual([]);
}

describe.each(CREDENTIALS)('no secret in any error, with %s', (_, credentials) => {
  describe.each(CALLS)('%s', (_name, method, path, call) => {
    test.each(FAULTS)('on %s', async (_fault, fault, options = {}) => {
      const interceptor = nock(BASE_URL).intercept(path, method).query(true);
      fault(interceptor);
      const time = fakeTime();
      const client = new TmdbAuthClient({
        ...credentials,
        maxRetries: 0,
        now: time.now,
        sleep: time.sleep,
        ...options,
      } as TmdbAuthClientOptions);

      const error = await rejectionOf(call(client));

      expectNoSecret(error);
      expect((error as Error).message).toContain(path);
    });
  });
});

describe('no secret from an AxiosError, which carries the request config and headers', () => {
  test.each(CREDENTIALS)('with %s', async (_, credentials) => {
    // An adapter that fails the way axios does on a dead network: the AxiosError holds the full config,
    // with the api_key parameter, the Authorization header and the JSON body with the password.
    const failing = axios.create({
      adapter: (config) =>
        Promise.reject(new AxiosError(`connect EHOSTUNREACH for ${config.url} ${ECHO}`, 'EHOSTUNREACH', config, {})),
    });
    const client = new TmdbAuthClient({ ...credentials, axios: failing, maxRetries: 0 } as TmdbAuthClientOptions);

    const error = await rejectionOf(
      client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD }),
    );

    expect(error).toMatchObject({ name: 'TmdbNetworkError', systemCode: 'EHOSTUNREACH' });
    expectNoSecret(error);
  });
});

describe('no secret in errors thrown before a request', () => {
  test.each([
    ['an aborted call', (c: TmdbAuthClient) => c.createSession(REQUEST_TOKEN, { signal: AbortSignal.abort() })],
    [
      'an empty password',
      (c: TmdbAuthClient) => c.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: ' ' }),
    ],
    [
      'a bad redirect',
      (c: TmdbAuthClient) => Promise.resolve().then(() => c.approvalUrl(REQUEST_TOKEN, { redirectTo: 'not a url' })),
    ],
  ])('%s', async (_, call) => {
    expectNoSecret(await rejectionOf(call(new TmdbAuthClient({ apiKey: API_KEY }))));
  });
});

it('the scan itself finds a secret when one is there', () => {
  const leaky = new Error(`oops ${PASSWORD}`);
  expect(() => expectNoSecret(leaky)).toThrow();
});

it('masks a password quoted back bare by the call that sent it', async () => {
  nock(BASE_URL)
    .post('/authentication/token/validate_with_login')
    .query(true)
    .reply(401, { status_code: 30, status_message: `Wrong password ${PASSWORD} for ${USERNAME}` });
  const client = new TmdbAuthClient({ apiKey: API_KEY, maxRetries: 0 });

  const error = await rejectionOf(
    client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: PASSWORD }),
  );

  expectNoSecret(error);
  expect((error as Error).message).toContain('[REDACTED]');
});

// A password with the characters each encoding changes: a quote, a backslash, `&`, `<`, a space, a non-ASCII
// letter and an emoji (a surrogate pair). Its words are scanned for one by one, so a tail left after a mask shows.
const TRICKY_PASSWORD = 'Hunter"Sekrit!\\Tail é😀 & <Last>';
const TRICKY_PARTS = { Hunter: 'Hunter', Sekrit: 'Sekrit', Tail: 'Tail', Last: 'Last' };

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);
const nestedJson = (text: string, levels: number) =>
  Array.from({ length: levels }).reduce<string>((inner) => jsonEscaped(inner), text);
const unicodeEscaped = (text: string) =>
  [...text.split('')].map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const htmlEscaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlReferences = (text: string, radix: 10 | 16) =>
  [...text].map((c) => `&#${radix === 16 ? 'x' : ''}${(c.codePointAt(0) as number).toString(radix)};`).join('');

async function loginRefusal(password: string, statusMessage: string) {
  nock(BASE_URL)
    .post('/authentication/token/validate_with_login')
    .query(true)
    .reply(401, { status_code: 30, status_message: statusMessage });
  const client = new TmdbAuthClient({ apiKey: API_KEY, maxRetries: 0 });
  return rejectionOf(client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password }));
}

describe('a password the server quotes back in any form is masked whole, with no tail left', () => {
  test.each([
    ['as it is', TRICKY_PASSWORD],
    ['JSON-escaped', nestedJson(TRICKY_PASSWORD, 1)],
    ['JSON-escaped twice (a quoted request, quoted again)', nestedJson(TRICKY_PASSWORD, 2)],
    ['JSON-escaped three times', nestedJson(TRICKY_PASSWORD, 3)],
    ['JSON-escaped four times', nestedJson(TRICKY_PASSWORD, 4)],
    ['as \\uXXXX escapes', unicodeEscaped(TRICKY_PASSWORD)],
    ['as \\uXXXX escapes, JSON-escaped again', jsonEscaped(unicodeEscaped(TRICKY_PASSWORD))],
    ['as \\uXXXX escapes in upper case', unicodeEscaped(TRICKY_PASSWORD).toUpperCase().replace(/\\U/g, '\\u')],
    ['percent-encoded', encodeURIComponent(TRICKY_PASSWORD)],
    [
      'percent-encoded in lower case',
      encodeURIComponent(TRICKY_PASSWORD).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    ['form-encoded (a space as +)', new URLSearchParams({ p: TRICKY_PASSWORD }).toString().slice(2)],
    ['percent-encoded twice', encodeURIComponent(encodeURIComponent(TRICKY_PASSWORD))],
    ['HTML-escaped', htmlEscaped(TRICKY_PASSWORD)],
    ['HTML-escaped twice', htmlEscaped(htmlEscaped(TRICKY_PASSWORD))],
    ['as decimal character references', htmlReferences(TRICKY_PASSWORD, 10)],
    ['as hexadecimal character references', htmlReferences(TRICKY_PASSWORD, 16)],
  ])('%s', async (_, quoted) => {
    const error = await loginRefusal(TRICKY_PASSWORD, `Login refused for <${quoted}> today`);

    expect(error).toMatchObject({ tmdbMessage: 'Login refused for <[REDACTED]> today' });
    expect(leakedSecrets(error, { quoted, PASSWORD: TRICKY_PASSWORD, ...TRICKY_PARTS })).toEqual([]);
  });

  it('masks the password inside a quoted request body, at every level of nesting', async () => {
    const request = { username: USERNAME, password: TRICKY_PASSWORD, request_token: REQUEST_TOKEN };
    let quoted = JSON.stringify(request);
    for (let level = 0; level <= 4; level++, quoted = JSON.stringify(quoted)) {
      const error = await loginRefusal(TRICKY_PASSWORD, `Bad request ${quoted}`);

      expect(leakedSecrets(error, { PASSWORD: TRICKY_PASSWORD, REQUEST_TOKEN, ...TRICKY_PARTS })).toEqual([]);
      expect((error as { tmdbMessage: string }).tmdbMessage).toContain(USERNAME);
    }
  });
});

describe('credential fields are masked to the quote that ends them, over escaped quotes, at any nesting', () => {
  // Values the client never saw, so only the field patterns can catch them.
  const FIELDS = {
    request_token: 'unknown-token"TailLeakA\\',
    session_id: 'unknown-id\\"TailLeakB',
    password: 'unknown"TailLeakC',
  };
  const LEAKS = { a: 'TailLeakA', b: 'TailLeakB', c: 'TailLeakC', unknown: 'unknown' };

  async function guestSessionRefusal(statusMessage: string) {
    nock(BASE_URL)
      .get('/authentication/guest_session/new')
      .query(true)
      .reply(401, { status_code: 7, status_message: statusMessage });
    return rejectionOf(new TmdbAuthClient({ apiKey: API_KEY, maxRetries: 0 }).createGuestSession());
  }

  test.each([0, 1, 2, 3, 4])('in JSON quoted %i times', async (levels) => {
    const quoted = nestedJson(JSON.stringify({ ...FIELDS, note: 'kept' }), levels);

    const error = await guestSessionRefusal(`Upstream said ${quoted}`);

    expect(leakedSecrets(error, LEAKS)).toEqual([]);
    const message = (error as { tmdbMessage: string }).tmdbMessage;
    expect(message.match(/\[REDACTED\]/g)).toHaveLength(3);
    // The mask ends where each value does: what follows the fields is still there.
    expect(message).toMatch(/note\\*":\\*"kept/);
  });

  it('in a query string, where a value runs over a backslash-escaped quote to the next &', async () => {
    const error = await guestSessionRefusal(
      `GET /x?request_token=unknown\\"TailLeakA&session_id=unknown\\'TailLeakB&lang=en`,
    );

    expect(leakedSecrets(error, LEAKS)).toEqual([]);
    expect(error).toMatchObject({
      tmdbMessage: 'GET /x?request_token=[REDACTED]&session_id=[REDACTED]&lang=en',
    });
  });
});

describe('text we wrote and TMDb’s fixed messages are never masked, even when a secret is one of their words', () => {
  const FIXED = 'Invalid username and/or password: You did not provide a valid login.';

  it('keeps TMDb’s message for code 30 and the advice whole when the password is "password"', async () => {
    const error = await loginRefusal('password', FIXED);

    expect(error).toMatchObject({ code: 'invalid_credentials', tmdbMessage: FIXED });
    expect((error as Error).message).toContain(`(TMDb code 30: ${FIXED})`);
    expect((error as Error).message).toContain('The username or password is wrong');
    expect((error as Error).message).not.toContain('[REDACTED]');
  });

  it('still masks the word where the server says more than its fixed message', async () => {
    const error = await loginRefusal('password', `${FIXED} You sent "password".`);

    expect(error).toMatchObject({ tmdbMessage: `${FIXED} You sent "[REDACTED]".` });
  });

  it('keeps TMDb’s message for code 7 whole, and masks the API key quoted beside it', async () => {
    nock(BASE_URL)
      .get('/authentication/token/new')
      .query(true)
      .reply(401, { status_code: 7, status_message: `Invalid API key: You must be granted a valid key. (${API_KEY})` });

    const error = await rejectionOf(new TmdbAuthClient({ apiKey: API_KEY, maxRetries: 0 }).createRequestToken());

    expect(error).toMatchObject({ tmdbMessage: 'Invalid API key: You must be granted a valid key. ([REDACTED])' });
  });
});

describe('a password under 6 characters is masked where it stands alone, never inside a word', () => {
  it('masks it as a word of its own and as a field value', async () => {
    const error = await loginRefusal('ab12', 'Login ab12 refused (ab12); {"password":"ab12"} ?password=ab12&x');

    expect(error).toMatchObject({
      tmdbMessage: 'Login [REDACTED] refused ([REDACTED]); {"password":"[REDACTED]"} ?password=[REDACTED]&x',
    });
  });

  it('leaves it inside longer words, which it would otherwise garble', async () => {
    const error = await loginRefusal('ab12', 'Users ab123 and xab12 and ab12_x exist');

    expect(error).toMatchObject({ tmdbMessage: 'Users ab123 and xab12 and ab12_x exist' });
  });

  it('masks a one-letter password standing alone', async () => {
    const error = await loginRefusal('é', 'password é is too short; café');

    expect(error).toMatchObject({ tmdbMessage: 'password [REDACTED] is too short; café' });
  });
});

describe('a server on loopback that echoes every request back, in several quotings', () => {
  let server: http.Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const seen = `${request.method} ${request.url} auth=${request.headers.authorization ?? ''} body=${body}`;
        const statusMessage = [seen, JSON.stringify(seen), JSON.stringify(JSON.stringify(seen))].join(' | ');
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status_code: 30, status_message: statusMessage }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/3`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test.each(CREDENTIALS)('with %s, nothing of the password, token or credential comes back', async (_, credentials) => {
    const client = new TmdbAuthClient({ ...credentials, baseUrl, maxRetries: 0 } as TmdbAuthClientOptions);

    const error = await rejectionOf(
      client.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: TRICKY_PASSWORD }),
    );

    expect(error).toMatchObject({ name: 'TmdbApiError', code: 'invalid_credentials' });
    expect((error as { tmdbMessage: string }).tmdbMessage).toContain(USERNAME);
    expect(leakedSecrets(error, { ...SECRETS, PASSWORD: TRICKY_PASSWORD, ...TRICKY_PARTS })).toEqual([]);
  });
});
