import nock from 'nock';
import { TmdbArgumentError, TmdbAuthClient, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { API_KEY, BASE_URL, PASSWORD, REQUEST_TOKEN, USERNAME, rejectionOf } from './helpers/tmdb';

type Call = [string, (client: TmdbAuthClient, bad: unknown) => Promise<unknown>, string];

const CALLS: Call[] = [
  ['createSession', (c, bad) => c.createSession(bad as string), 'requestToken'],
  ['createSession with a token object', (c, bad) => c.createSession({ requestToken: bad as string }), 'requestToken'],
  ['deleteSession', (c, bad) => c.deleteSession(bad as string), 'sessionId'],
  ['createSessionFromV4Token', (c, bad) => c.createSessionFromV4Token(bad as string), 'accessToken'],
  [
    'validateWithLogin (username)',
    (c, bad) => c.validateWithLogin({ requestToken: REQUEST_TOKEN, username: bad as string, password: PASSWORD }),
    'username',
  ],
  [
    'validateWithLogin (password)',
    (c, bad) => c.validateWithLogin({ requestToken: REQUEST_TOKEN, username: USERNAME, password: bad as string }),
    'password',
  ],
  [
    'validateWithLogin (token)',
    (c, bad) => c.validateWithLogin({ requestToken: bad as string, username: USERNAME, password: PASSWORD }),
    'requestToken',
  ],
  ['login (username)', (c, bad) => c.login({ username: bad as string, password: PASSWORD }), 'username'],
  ['login (password)', (c, bad) => c.login({ username: USERNAME, password: bad as string }), 'password'],
];

const BAD_VALUES: [string, unknown][] = [
  ['an empty string', ''],
  ['white space only', ' \t\n'],
  ['a number', 42],
  ['null', null],
  ['undefined', undefined],
  ['an object', { id: 'x' }],
];

describe.each(CALLS)('%s', (_, call, argument) => {
  test.each(BAD_VALUES)(`refuses %s as \`${argument}\` before sending anything`, async (_label, bad) => {
    // Any request at all would be answered here, and the scope would be done.
    const anyRequest = nock(BASE_URL)
      .get(/.*/)
      .query(true)
      .reply(200, {})
      .post(/.*/)
      .query(true)
      .reply(200, {})
      .delete(/.*/)
      .query(true)
      .reply(200, {});
    const client = new TmdbAuthClient({ apiKey: API_KEY } as TmdbAuthClientOptions);

    const error = await rejectionOf(call(client, bad));

    expect(error).toBeInstanceOf(TmdbArgumentError);
    expect(error).toMatchObject({ code: 'invalid_argument', argument });
    expect((error as Error).message).toContain(`\`${argument}\``);
    expect(anyRequest.pendingMocks()).toHaveLength(3);
  });
});

it('refuses a missing params object', async () => {
  const client = new TmdbAuthClient({ apiKey: API_KEY });
  await expect(client.login(undefined as never)).rejects.toBeInstanceOf(TmdbArgumentError);
  await expect(client.validateWithLogin(null as never)).rejects.toBeInstanceOf(TmdbArgumentError);
});

it('refuses per-call options that are not an object, naming them', async () => {
  const client = new TmdbAuthClient({ apiKey: API_KEY });
  await expect(client.createRequestToken({ maxRetries: -2 })).rejects.toMatchObject({
    name: 'TmdbConfigurationError',
    option: 'maxRetries',
  });
  await expect(client.createRequestToken({ signal: 'stop' as never })).rejects.toMatchObject({ option: 'signal' });
});
