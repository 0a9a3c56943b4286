// The credentials, ids and login every test uses: one set, so a secret scan knows them all. Shapes are real
// (32 hex digits for an API key, 40 for tokens and ids, JWTs for access tokens); the values are made up.

/** A v3 API key. */
export const API_KEY = '0123456789abcdef0123456789abcdef';
/** An app's API Read Access Token. */
export const ACCESS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0LWFwcCJ9.c2lnbmF0dXJlLW9mLXRlc3Q';
/** A user's v4 access token (what `createSessionFromV4Token` takes). */
export const V4_USER_ACCESS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLXY0LXRva2VuIn0.dXNlci1zaWduYXR1cmU';
export const REQUEST_TOKEN = 'ff5c7eeb5a8870efe3cd7fc5c282cffd26800ecd';
export const SESSION_ID = '79191836ddaa0da3df76a5ffef6f07ad6ab0c641';
export const GUEST_SESSION_ID = '1ce82ec1223641636ad4a60b07de3581';
export const USERNAME = 'johnny_appleseed';
export const PASSWORD = 'correct-horse-battery-staple';
/** A v4 request token: a JWT whose `exp` is 2026-03-01T12:15:00Z (`nbf` 12:00:00Z). */
export const V4_REQUEST_TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0LWFwcCIsImp0aSI6IjEiLCJzY29wZXMiOlsicGVuZGluZ19yZXF1ZXN0X3Rva2VuIl0sInZlcnNpb24iOjEsIm5iZiI6MTc3MjM2NjQwMCwiZXhwIjoxNzcyMzY3MzAwfQ.c2lnbmF0dXJlLXJ0';
/** A v4 account object id: 24 hex digits. */
export const V4_ACCOUNT_ID = '5a1b2c3d4e5f6a7b8c9d0e1f';

/** A JWT's claims, decoded here (not by the package), so tests can check what the package or emulator issued. */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
