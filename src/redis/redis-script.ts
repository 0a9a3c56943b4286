import { createHash } from 'node:crypto';

/**
 * The part of a Redis client the store uses: running a Lua script by its SHA-1, and loading it with EVAL when
 * the server does not know it (a new or restarted Redis). An `ioredis` client (`new Redis(...)`) is one.
 */
export interface RedisScriptClient {
  /** Runs a script Redis already knows, by its SHA-1 (EVALSHA). */
  evalsha(sha1: string, numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** Runs a script from its source (EVAL), which also caches it for EVALSHA. */
  eval(script: string, numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}

/** A Lua script run by EVALSHA, falling back to EVAL (which also caches it) when Redis answers NOSCRIPT. */
export class RedisScript {
  readonly #source: string;
  readonly #sha1: string;

  constructor(source: string) {
    this.#source = source;
    this.#sha1 = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisScriptClient, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.#sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as { message?: unknown } | undefined)?.message).startsWith('NOSCRIPT')) throw error;
      return client.eval(this.#source, keys.length, ...keys, ...args);
    }
  }
}
