import { EMULATOR_API_KEY, startTmdbEmulator, type TmdbEmulator } from 'tmdb-auth-client/testing';

let emulator: TmdbEmulator;

beforeAll(async () => {
  emulator = await startTmdbEmulator();
});

afterAll(async () => {
  await emulator.close();
});

describe('the emulator speaks CORS as TMDb does, so a page on another origin can use it', () => {
  it('answers a preflight for Authorization and Content-Type on GET, POST and DELETE, without credentials', async () => {
    const response = await fetch(`${emulator.baseUrl}/authentication/session/new`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    // A preflight is no API request: it is neither recorded nor a spec violation.
    expect(emulator.requests).toEqual([]);
    expect(emulator.violations).toEqual([]);
  });

  it('lets any origin read every answer, errors included, and the Retry-After of a 429', async () => {
    const ok = await fetch(`${emulator.baseUrl}/authentication/token/new?api_key=${EMULATOR_API_KEY}`, {
      headers: { origin: 'http://app.example' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');

    const refused = await fetch(`${emulator.baseUrl}/authentication/token/new?api_key=wrong`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');

    emulator.inject({ type: 'rate-limit', retryAfterSeconds: 1 });
    const limited = await fetch(`${emulator.baseUrl}/authentication/token/new?api_key=${EMULATOR_API_KEY}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-expose-headers')).toMatch(/\bRetry-After\b/);
    expect(limited.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
