import { pruneExpired } from './auth-store';
import { V4TokenIssuer } from './v4-tokens';

/** A v4 request token as the emulator keeps it. */
export interface StoredV4RequestToken {
  readonly value: string;
  readonly expiresAt: number;
  readonly redirectTo: string | undefined;
  /** The account of the user who approved it; undefined until then. */
  approvedBy: string | undefined;
}

/**
 * The emulator's v4 state: request tokens (which expire, are approved by a user, and are consumed by the access
 * token exchange) and user access tokens (which live until deleted, and are remembered after, so a deleted one is
 * refused rather than unknown). Time comes from the injected clock. Expired request tokens are dropped as new ones
 * are made.
 */
export class V4AuthStore {
  readonly #requestTokens = new Map<string, StoredV4RequestToken>();
  /** Access token -> account id, while it lives. */
  readonly #accessTokens = new Map<string, string>();
  readonly #deleted = new Set<string>();
  readonly #issuer = new V4TokenIssuer();

  constructor(
    private readonly now: () => number,
    private readonly requestTokenLifetimeMs: number,
  ) {}

  /** Request tokens held: issued, not used, and not yet found expired. */
  get requestTokenCount(): number {
    return this.#requestTokens.size;
  }

  createRequestToken(redirectTo: string | undefined): StoredV4RequestToken {
    const now = this.now();
    pruneExpired(this.#requestTokens, (token) => token.expiresAt, now);
    // The JWT's exp is in whole seconds; the store keeps the same instant, so the two never disagree.
    const expiresAt = Math.floor((now + this.requestTokenLifetimeMs) / 1000) * 1000;
    const token = { value: this.#issuer.requestToken(now, expiresAt, redirectTo), expiresAt, redirectTo };
    const stored = { ...token, approvedBy: undefined };
    this.#requestTokens.set(stored.value, stored);
    return stored;
  }

  /** A live (issued, unexpired, unused) request token, or undefined. */
  liveRequestToken(value: string): StoredV4RequestToken | undefined {
    const token = this.#requestTokens.get(value);
    if (!token) return undefined;
    if (token.expiresAt <= this.now()) {
      this.#requestTokens.delete(value);
      return undefined;
    }
    return token;
  }

  /** Approves a live request token for `accountId`; false when it is unknown, expired or used. */
  approve(value: string, accountId: string): boolean {
    const token = this.liveRequestToken(value);
    if (!token) return false;
    token.approvedBy = accountId;
    return true;
  }

  /** Consumes an approved request token and issues the user's access token. */
  exchange(token: StoredV4RequestToken & { approvedBy: string }): { accessToken: string; accountId: string } {
    this.#requestTokens.delete(token.value);
    const accessToken = this.#issuer.accessToken(this.now(), token.approvedBy);
    this.#accessTokens.set(accessToken, token.approvedBy);
    return { accessToken, accountId: token.approvedBy };
  }

  /** `live`: issued and not deleted; `deleted`: issued, then deleted; `unknown`: never issued here. */
  accessTokenState(value: string): 'live' | 'deleted' | 'unknown' {
    if (this.#accessTokens.has(value)) return 'live';
    return this.#deleted.has(value) ? 'deleted' : 'unknown';
  }

  deleteAccessToken(value: string): boolean {
    if (!this.#accessTokens.delete(value)) return false;
    this.#deleted.add(value);
    return true;
  }
}
