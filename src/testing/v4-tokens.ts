import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

/** The `aud` of the emulator's tokens: the app they were issued to. */
const AUDIENCE = 'tmdb-auth-emulator';

/**
 * Issues JWTs shaped like TMDb's v4 tokens (HS256, signed with a key of this emulator's own): request tokens with
 * `scopes: ["pending_request_token"]` and `exp`, user access tokens with `sub` (the account id), the scopes
 * `api_read` and `api_write`, and no `exp`. Nothing verifies the signature; it makes the tokens look real.
 */
export class V4TokenIssuer {
  readonly #key = randomBytes(32);

  /** A request token valid from `nowMs` until `expiresAtMs` (both rounded down to seconds, as JWT times are). */
  requestToken(nowMs: number, expiresAtMs: number, redirectTo: string | undefined): string {
    return this.#sign({
      aud: AUDIENCE,
      jti: randomUUID(),
      scopes: ['pending_request_token'],
      version: 1,
      nbf: seconds(nowMs),
      exp: seconds(expiresAtMs),
      ...(redirectTo === undefined ? {} : { redirect_to: redirectTo }),
    });
  }

  /** A user access token for `accountId`; valid until deleted, so it has no `exp`. */
  accessToken(nowMs: number, accountId: string): string {
    return this.#sign({
      aud: AUDIENCE,
      jti: randomUUID(),
      sub: accountId,
      scopes: ['api_read', 'api_write'],
      version: 2,
      nbf: seconds(nowMs),
    });
  }

  #sign(claims: Record<string, unknown>): string {
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.#key).update(unsigned).digest('base64url')}`;
  }
}

/** A TMDb account object id (24 hexadecimal digits) for a username: the same user always gets the same id. */
export function accountIdFor(username: string): string {
  return createHash('sha256').update(`tmdb-emulator-account:${username}`).digest('hex').slice(0, 24);
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}
