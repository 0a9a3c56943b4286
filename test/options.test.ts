import nock from 'nock';
import { DEFAULT_OPTIONS, TmdbAuthClient, TmdbConfigurationError, type TmdbAuthClientOptions } from 'tmdb-auth-client';
import { API_KEY, BASE_URL, rejectionOf, testClient, tokenBody } from './helpers/tmdb';

const MAX_TIMER_MS = 2 ** 31 - 1;

function constructionError(options: Record<string, unknown>): TmdbConfigurationError {
  try {
    new TmdbAuthClient({ apiKey: API_KEY, ...options } as TmdbAuthClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TmdbConfigurationError);
    return error as TmdbConfigurationError;
  }
  throw new Error(`expected ${JSON.stringify(options)} to be refused`);
}

describe('the issue’s three misfires fail at construction, naming the option', () => {
  test.each([
    [
      { timeoutMs: 2 ** 31 },
      'timeoutMs',
      /`timeoutMs` must be a number of milliseconds .*at most 2147483647.*got 2147483648/,
    ],
    [{ timeout: 5 }, 'timeout', /Unknown client option `timeout`: did you mean `timeoutMs`\?/],
    [{ baseUrl: 'https://api.themoviedb.org' }, 'baseUrl', /without its version.*https:\/\/api\.themoviedb\.org\/3/],
  ])('%j', (options, option, message) => {
    const error = constructionError(options);
    expect(error).toMatchObject({ code: 'invalid_configuration', option });
    expect(error.message).toMatch(message);
  });
});

describe('durations', () => {
  test.each(['timeoutMs', 'deadlineMs', 'retryDelayMs', 'maxRetryDelayMs', 'maxRetryAfterMs', 'requestTokenMarginMs'])(
    '%s above 2^31 - 1 ms (where a timer would fire at once) is refused',
    (option) => {
      for (const value of [2 ** 31, 1e12]) {
        expect(constructionError({ [option]: value })).toMatchObject({ option });
      }
      expect(() => new TmdbAuthClient({ apiKey: API_KEY, [option]: MAX_TIMER_MS })).not.toThrow();
    },
  );

  it('states the whole range in one wording, whichever bound was missed', () => {
    const below = constructionError({ timeoutMs: -1 }).message;
    const zero = constructionError({ timeoutMs: 0 }).message;
    const above = constructionError({ timeoutMs: 2 ** 31 }).message;
    const range = '`timeoutMs` must be a number of milliseconds more than 0 and at most 2147483647';
    for (const message of [below, zero, above]) expect(message).toContain(range);
    expect(constructionError({ retryDelayMs: -1 }).message).toContain(
      '`retryDelayMs` must be a number of milliseconds from 0 to 2147483647',
    );
  });

  it('takes Infinity for no limit where no limit is meant: deadlineMs and maxRetryAfterMs', () => {
    expect(
      () => new TmdbAuthClient({ apiKey: API_KEY, deadlineMs: Infinity, maxRetryAfterMs: Infinity }),
    ).not.toThrow();
    for (const option of ['timeoutMs', 'retryDelayMs', 'maxRetryDelayMs', 'requestTokenMarginMs']) {
      expect(constructionError({ [option]: Infinity })).toMatchObject({ option });
    }
  });

  it('waits out a long Retry-After under maxRetryAfterMs: Infinity', async () => {
    const { client, time } = testClient({ maxRetryAfterMs: Infinity });
    const scope = nock(BASE_URL)
      .get('/authentication/token/new')
      .query(true)
      .reply(429, {}, { 'Retry-After': String(7 * 24 * 3600) })
      .get('/authentication/token/new')
      .query(true)
      .reply(200, tokenBody('2030-01-01 00:00:00 UTC'));

    await client.createRequestToken();

    expect(time.sleeps).toEqual([7 * 24 * 3600 * 1000]);
    scope.done();
  });

  it('refuses the same durations per call, before sending anything', async () => {
    const client = new TmdbAuthClient({ apiKey: API_KEY });
    await expect(client.createRequestToken({ timeoutMs: 2 ** 31 })).rejects.toMatchObject({
      name: 'TmdbConfigurationError',
      option: 'timeoutMs',
    });
    await expect(client.createGuestSession({ retryDelayMs: 1e12 })).rejects.toMatchObject({
      option: 'retryDelayMs',
    });
  });
});

describe('maxResponseBytes', () => {
  it('defaults to 1 MiB', () => {
    expect(DEFAULT_OPTIONS.maxResponseBytes).toBe(1_048_576);
  });

  it('takes a whole number of bytes, 1 or more, or Infinity for no limit', () => {
    for (const value of [1, 4 * 1024 * 1024, Infinity]) {
      expect(() => new TmdbAuthClient({ apiKey: API_KEY, maxResponseBytes: value })).not.toThrow();
    }
    for (const value of [0, -1, 1.5, NaN, '1048576']) {
      const error = constructionError({ maxResponseBytes: value });
      expect(error).toMatchObject({ option: 'maxResponseBytes' });
      expect(error.message).toContain('`maxResponseBytes` must be a whole number of bytes, 1 or more');
    }
  });
});

describe('unknown option names', () => {
  test.each([
    ['api_key', 'apiKey'],
    ['baseURL', 'baseUrl'],
    ['maxRetry', 'maxRetries'],
    ['retryDelay', 'retryDelayMs'],
    ['deadline', 'deadlineMs'],
  ])('%s is refused as a near miss of %s', (name, closest) => {
    const error = constructionError({ [name]: 1 });
    expect(error).toMatchObject({ option: name });
    expect(error.message).toContain(`did you mean \`${closest}\`?`);
  });

  it('lists the options when nothing is close, and never shows the value', () => {
    const error = constructionError({ flavour: 'secret-looking-value-123' });
    expect(error.message).toMatch(/Unknown client option `flavour`\. The client options are: `maxRetries`.*`apiKey`/);
    expect(error.message).not.toContain('secret-looking-value-123');
  });

  it('refuses unknown per-call options the same way, naming the closest', async () => {
    const client = new TmdbAuthClient({ apiKey: API_KEY });
    const error = await rejectionOf(client.createRequestToken({ timeout: 5 } as never));
    expect(error).toMatchObject({ name: 'TmdbConfigurationError', option: 'timeout' });
    expect((error as Error).message).toBe('Unknown per-call option `timeout`: did you mean `timeoutMs`?');
    // Client-only options are not per-call options.
    await expect(client.createRequestToken({ apiKey: API_KEY } as never)).rejects.toMatchObject({ option: 'apiKey' });
  });

  it('refuses unknown options of getValidRequestToken, naming the closest', async () => {
    const client = new TmdbAuthClient({ apiKey: API_KEY });
    await expect(client.getValidRequestToken({ kee: 'ada' } as never)).rejects.toMatchObject({
      option: 'kee',
      message: expect.stringContaining('did you mean `key`?'),
    });
    await expect(client.getValidRequestToken({ key: '' })).rejects.toMatchObject({ option: 'key' });
  });
});

describe('baseUrl', () => {
  test.each(['https://api.themoviedb.org', 'https://api.themoviedb.org/', 'https://api.themoviedb.org/4'])(
    'refuses TMDb’s own host without /3: %s',
    (baseUrl) => {
      expect(constructionError({ baseUrl })).toMatchObject({ option: 'baseUrl' });
    },
  );

  test.each([DEFAULT_OPTIONS.baseUrl, 'https://api.themoviedb.org/3/', 'https://tmdb-proxy.example'])(
    'accepts %s',
    (baseUrl) => {
      expect(() => new TmdbAuthClient({ apiKey: API_KEY, baseUrl })).not.toThrow();
    },
  );
});

describe('TMDb hosts that do not serve the API', () => {
  test.each([
    ['baseUrl', 'https://www.themoviedb.org/3', 'www.themoviedb.org', 'https://api.themoviedb.org/3'],
    ['baseUrl', 'https://themoviedb.org/3', 'themoviedb.org', 'https://api.themoviedb.org/3'],
    ['baseUrl', 'https://developer.themoviedb.org/3', 'developer.themoviedb.org', 'https://api.themoviedb.org/3'],
    ['baseUrl', 'https://image.tmdb.org/3', 'image.tmdb.org', 'https://api.themoviedb.org/3'],
    ['baseUrl', 'https://WWW.TheMovieDB.org./3', 'www.themoviedb.org', 'https://api.themoviedb.org/3'],
    ['v4BaseUrl', 'https://www.themoviedb.org/4', 'www.themoviedb.org', 'https://api.themoviedb.org/4'],
    ['v4BaseUrl', 'https://tmdb.org/4', 'tmdb.org', 'https://api.themoviedb.org/4'],
  ])('refuses %s %s, naming the host and the API root to use', (option, url, host, apiRoot) => {
    const error = constructionError({ [option]: url });

    expect(error).toMatchObject({ code: 'invalid_configuration', option });
    expect(error.message).toContain(`points at ${host}, a TMDb host that does not serve the API`);
    expect(error.message).toContain(`API root is "${apiRoot}"`);
    expect(error.message).toContain(`Leave \`${option}\` out`);
  });

  it('refuses a v4BaseUrl on TMDb’s API host without /4', () => {
    const error = constructionError({ v4BaseUrl: 'https://api.themoviedb.org/3' });

    expect(error).toMatchObject({ option: 'v4BaseUrl' });
    expect(error.message).toMatch(/without its version.*"https:\/\/api\.themoviedb\.org\/4" \(with `\/4`\)/);
  });

  test.each(['https://api.themoviedb.org/4', 'https://api.themoviedb.org./4/', 'https://tmdb-proxy.example/v4'])(
    'accepts %s as v4BaseUrl',
    (v4BaseUrl) => {
      expect(() => new TmdbAuthClient({ apiKey: API_KEY, v4BaseUrl })).not.toThrow();
    },
  );

  test.each(['https://api.themoviedb.org./3', 'https://nottmdb.org/3', 'https://themoviedb.org.example/3'])(
    'accepts %s as baseUrl: the API host, or not TMDb’s',
    (baseUrl) => {
      expect(() => new TmdbAuthClient({ apiKey: API_KEY, baseUrl })).not.toThrow();
    },
  );
});

describe('DEFAULT_OPTIONS', () => {
  /** Every object reachable from `value` that is not frozen, by path. */
  function unfrozen(value: unknown, path = 'DEFAULT_OPTIONS'): string[] {
    if (typeof value !== 'object' || value === null) return [];
    return [
      ...(Object.isFrozen(value) ? [] : [path]),
      ...Object.entries(value).flatMap(([key, inner]) => unfrozen(inner, `${path}.${key}`)),
    ];
  }

  it('is frozen all the way down', () => {
    expect(unfrozen(DEFAULT_OPTIONS)).toEqual([]);
  });

  it('cannot be changed at run time to send a later client’s key elsewhere', async () => {
    expect(() => {
      (DEFAULT_OPTIONS as { baseUrl: string }).baseUrl = 'https://attacker.example/3';
    }).toThrow(TypeError);
    const scope = nock(BASE_URL)
      .get('/authentication/token/new')
      .query({ api_key: API_KEY })
      .reply(200, tokenBody('2030-01-01 00:00:00 UTC'));

    await new TmdbAuthClient({ apiKey: API_KEY }).createRequestToken();

    expect(DEFAULT_OPTIONS.baseUrl).toBe('https://api.themoviedb.org/3');
    scope.done();
  });
});
