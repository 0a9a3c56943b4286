// A TypeScript consumer, compiled (not run) with the README blocks under their four settings. The @ts-expect-error
// lines fail the compile if the package's types resolve to `any`.
import {
  isTmdbRateLimitError,
  TmdbAuthClient,
  type RequestToken,
  type TmdbAuthClientOptions,
  type TmdbErrorCode,
  type V4AccessToken,
  type V4RequestToken,
} from 'tmdb-auth-client';
import { AuthenticationApi, Configuration, type SessionResponse } from 'tmdb-auth-client/generated';
import { AuthApi, type AccessTokenResponse } from 'tmdb-auth-client/generated/v4';

const apiKey = '0123456789abcdef0123456789abcdef';
const options: TmdbAuthClientOptions = { apiKey, maxRetries: 1 };
const client = new TmdbAuthClient(options);

export async function signIn(): Promise<string> {
  const token: RequestToken = await client.createRequestToken();
  const expiresAt: Date = token.expiresAt;
  const api = new AuthenticationApi(new Configuration({ apiKey }));
  const session: SessionResponse = (
    await api.createSession({ createSessionRequest: { request_token: token.requestToken } })
  ).data;
  try {
    await client.deleteSession(session.session_id);
  } catch (error) {
    if (isTmdbRateLimitError(error)) {
      const wait: number | undefined = error.retryAfterMs;
      const code: TmdbErrorCode = error.code;
      return `${code} ${wait ?? 0} ${expiresAt.toISOString()}`;
    }
    throw error;
  }
  return session.session_id;
}

export async function signInV4(): Promise<string> {
  const v4 = new TmdbAuthClient({ accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln' }).v4;
  const token: V4RequestToken = await v4.createRequestToken({ redirectTo: 'https://example.com/done' });
  const { accessToken, accountId }: V4AccessToken = await v4.createAccessToken(token);
  const raw: AccessTokenResponse = (
    await new AuthApi().authCreateAccessToken({ accessTokenRequest: { request_token: token.requestToken } })
  ).data;
  return `${accessToken} ${accountId} ${raw.account_id} ${v4.approvalUrl(token)}`;
}

// @ts-expect-error: `apiKey` is a string, and the published types say so.
export const wrongOption = new TmdbAuthClient({ apiKey: 42 });
// @ts-expect-error: not one of the published error codes.
export const wrongCode: TmdbErrorCode = 'no_such_code';
