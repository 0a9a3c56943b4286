import { TmdbArgumentError } from './errors';

/** Anything that expires: a request token, a guest session. */
export interface Expiring {
  readonly expiresAt: Date;
}

/** Options of {@link isExpired}. */
export interface ExpiryCheckOptions {
  /** The current time. @default Date.now() */
  now?: number | Date;
  /** Treat the item as expired this long before it really expires, so it is not used at its last second. @default 0 */
  marginMs?: number;
}

/**
 * Milliseconds until `item` expires; zero or negative once it has.
 *
 * @example
 * const token = await tmdb.createRequestToken();
 * expiresInMs(token); // about 3_600_000 (TMDb request tokens live 60 minutes)
 */
export function expiresInMs(item: Expiring, now: number | Date = Date.now()): number {
  return expiryTime(item) - toMs(now, 'now');
}

/**
 * True once `item` has expired, or will within `marginMs`.
 *
 * @example
 * if (isExpired(token, { marginMs: 60_000 })) token = await tmdb.createRequestToken();
 */
export function isExpired(item: Expiring, options: ExpiryCheckOptions = {}): boolean {
  const marginMs = options.marginMs ?? 0;
  if (!Number.isFinite(marginMs) || marginMs < 0) {
    throw new TmdbArgumentError('`marginMs` must be a finite number of milliseconds, zero or more.', {
      argument: 'marginMs',
    });
  }
  return expiresInMs(item, options.now ?? Date.now()) <= marginMs;
}

function expiryTime(item: Expiring): number {
  const expiresAt: unknown = item?.expiresAt;
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) {
    throw new TmdbArgumentError('Expected an object with an `expiresAt` Date, such as a request token.', {
      argument: 'expiresAt',
    });
  }
  return expiresAt.getTime();
}

function toMs(value: number | Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new TmdbArgumentError(`\`${name}\` must be a Date or a number of milliseconds since the epoch.`, {
      argument: name,
    });
  }
  return ms;
}
