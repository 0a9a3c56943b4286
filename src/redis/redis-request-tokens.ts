// `getValidRequestToken({ key })` across processes: the token for a key lives in Redis (token-scripts.ts), so a
// user whose redirect comes back to another process finds the same token there, and one process creates it while
// the others wait for it. Calls without a key (single-user programs) keep a cache of the client's own. Redis
// failing fails no call: the token is then created here, as a client without Redis would.
import { createHash, randomUUID } from 'node:crypto';
import type { RequestTokenSource } from '../internal/gate-store';
import { awaitSharedToken, RequestTokenCache } from '../internal/request-token-cache';
import type { RequestToken } from '../models';
import { RedisScript } from './redis-script';
import {
  DROP_TOKEN_SCRIPT,
  PUT_TOKEN_SCRIPT,
  TAKE_TOKEN_SCRIPT,
  type TakeTokenReply,
  UNLOCK_TOKEN_SCRIPT,
} from './token-scripts';

/** Runs a script bounded by the store's timeout; `undefined` when Redis failed, was too slow, or is not in use. */
export type StoreCall = (script: RedisScript, keys: string[], args: (string | number)[]) => Promise<unknown>;

const TAKE = new RedisScript(TAKE_TOKEN_SCRIPT);
const PUT = new RedisScript(PUT_TOKEN_SCRIPT);
const DROP = new RedisScript(DROP_TOKEN_SCRIPT);
const UNLOCK = new RedisScript(UNLOCK_TOKEN_SCRIPT);
// How long one process may take to create a token before another may try; TMDb answers in well under this.
const LOCK_MS = 5_000;
// How often a process waiting for another's token looks for it.
const POLL_MS = 25;

export interface RedisRequestTokenSettings {
  call: StoreCall;
  keyPrefix: string;
  create: () => Promise<RequestToken>;
  now: () => number;
  marginMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class RedisRequestTokens implements RequestTokenSource {
  readonly #settings: RedisRequestTokenSettings;
  readonly #own: RequestTokenCache;
  // One look-up (and at most one creation) per key at a time in this process, shared by its callers.
  readonly #inFlight = new Map<string, Promise<RequestToken>>();

  constructor(settings: RedisRequestTokenSettings) {
    this.#settings = settings;
    this.#own = new RequestTokenCache(settings.create, settings.now, settings.marginMs);
  }

  async get(key: string | undefined, signal?: AbortSignal): Promise<RequestToken> {
    if (key === undefined) return this.#own.get(undefined, signal);
    const id = hash(key);
    let flight = this.#inFlight.get(id);
    if (!flight) {
      flight = this.#fetch(id, key).finally(() => this.#inFlight.delete(id));
      this.#inFlight.set(id, flight);
    }
    return awaitSharedToken(flight, signal);
  }

  drop(requestToken: string): void {
    this.#own.drop(requestToken);
    void this.#settings.call(DROP, [this.#key('token-of', hash(requestToken))], [requestToken]);
  }

  /**
   * The key's token from Redis, or one this process creates while holding the key's lock; while Redis does not
   * answer, the token of this process's own cache.
   */
  async #fetch(id: string, key: string): Promise<RequestToken> {
    const { call, create, now, marginMs, sleep } = this.#settings;
    const keys = [this.#key('token', id), this.#key('token-lock', id)];
    const lockId = randomUUID();
    const giveUpAt = now() + 2 * LOCK_MS;
    for (;;) {
      const reply = (await call(TAKE, keys, [lockId, LOCK_MS, now() + marginMs])) as TakeTokenReply | undefined;
      if (reply === undefined) return this.#own.get(key);
      // Another process has held the lock far too long (it hangs, or its clock is off): create it here.
      if (now() > giveUpAt) return create();
      if (reply[0] === 1) return parse(reply[1]);
      if (reply[0] === 2) break;
      await sleep(Math.min(POLL_MS, Math.max(1, reply[1])));
    }
    let token: RequestToken;
    try {
      token = await create();
    } catch (error) {
      // The next process to ask tries itself, rather than waiting out the lock.
      void call(UNLOCK, [keys[1] as string], [lockId]);
      throw error;
    }
    const ttlMs = Math.floor(token.expiresAt.getTime() - now());
    if (ttlMs > 0) {
      await call(
        PUT,
        [...keys, this.#key('token-of', hash(token.requestToken))],
        [`${token.expiresAt.getTime()}|${token.requestToken}`, ttlMs, lockId],
      );
    }
    return token;
  }

  #key(kind: string, id: string): string {
    return `${this.#settings.keyPrefix}${kind}:${id}`;
  }
}

/** Keys name no user and no token: a SHA-256 of the caller's key (or of the token) stands for it. */
function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function parse(value: string): RequestToken {
  const bar = value.indexOf('|');
  return { requestToken: value.slice(bar + 1), expiresAt: new Date(Number(value.slice(0, bar))) };
}
