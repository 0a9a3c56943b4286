import nock from 'nock';
import {
  AuthenticationApi,
  Configuration,
  type GuestSessionResponse,
  type SessionResponse,
  type TokenResponse,
  type TokenResponseWithExpiration,
} from 'tmdb-auth-client/generated';
import { ACCESS_TOKEN as READ_ACCESS_TOKEN, API_KEY, BASE_URL } from './helpers/tmdb';

const credentials = [
  {
    name: 'an API key in the api_key query parameter',
    configuration: new Configuration({ apiKey: API_KEY }),
    auth: { query: { api_key: API_KEY }, authorization: undefined },
  },
  {
    name: 'a read access token as a Bearer header',
    configuration: new Configuration({ accessToken: READ_ACCESS_TOKEN }),
    auth: { query: {}, authorization: `Bearer ${READ_ACCESS_TOKEN}` },
  },
] as const;

/** Intercepts one GET and checks the credentials the generated client attached to it. */
function expectGet(
  path: string,
  query: Record<string, string>,
  auth: (typeof credentials)[number]['auth'],
  body: object,
) {
  return nock(BASE_URL, { badheaders: auth.authorization ? [] : ['authorization'] })
    .matchHeader('authorization', (value) => value === auth.authorization)
    .get(path)
    .query({ ...query, ...auth.query })
    .reply(200, body);
}

describe.each(credentials)('the generated client, authenticated with $name', ({ configuration, auth }) => {
  const api = new AuthenticationApi(configuration, BASE_URL);

  it('creates a request token with GET /authentication/token/new', async () => {
    const body: TokenResponseWithExpiration = {
      success: true,
      expires_at: '2016-08-26 17:04:39 UTC',
      request_token: 'ff5c7eeb5a8870efe3cd7fc5c282cffd26800ecd',
    };
    const scope = expectGet('/authentication/token/new', {}, auth, body);

    const response = await api.getNewAuthenticationToken();

    const token: TokenResponseWithExpiration = response.data;
    expect(token).toEqual(body);
    scope.done();
  });

  it('validates a request token with login using GET query parameters', async () => {
    const body: TokenResponse = { success: true, request_token: '496584e52d7d11cc6f44a1302fa89598c0addc85' };
    const scope = expectGet(
      '/authentication/token/validate_with_login',
      { username: 'johnny_appleseed', password: 'test123', request_token: body.request_token },
      auth,
      body,
    );

    const response = await api.getValidateAuthenticationTokenWithLogin({
      username: 'johnny_appleseed',
      password: 'test123',
      requestToken: body.request_token,
    });

    const token: TokenResponse = response.data;
    expect(token).toEqual(body);
    scope.done();
  });

  it('creates a session from a request token with GET /authentication/session/new', async () => {
    const body: SessionResponse = { success: true, session_id: '79191836ddaa0da3df76a5ffef6f07ad6ab0c641' };
    const scope = expectGet('/authentication/session/new', { request_token: 'approved-token' }, auth, body);

    const response = await api.getNewAuthenticationSession({ requestToken: 'approved-token' });

    const session: SessionResponse = response.data;
    expect(session.session_id).toBe(body.session_id);
    scope.done();
  });

  it('creates a guest session with GET /authentication/guest_session/new', async () => {
    const body: GuestSessionResponse = {
      success: true,
      guest_session_id: '1ce82ec1223641636ad4a60b07de3581',
      expires_at: '2016-08-27 16:26:40 UTC',
    };
    const scope = expectGet('/authentication/guest_session/new', {}, auth, body);

    const response = await api.getNewAuthenticationGuestSession();

    const guest: GuestSessionResponse = response.data;
    expect(guest).toEqual(body);
    scope.done();
  });
});

it('refuses to call an operation whose required parameter is missing, before any request', async () => {
  const api = new AuthenticationApi(new Configuration({ apiKey: API_KEY }), BASE_URL);

  await expect(api.getNewAuthenticationSession({ requestToken: undefined as unknown as string })).rejects.toThrow(
    /requestToken/,
  );
});
