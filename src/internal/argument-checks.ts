import { TmdbArgumentError } from '../errors';

/** Checks a caller-supplied id or credential before any request; the message names it, never shows it. */
export function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw new TmdbArgumentError(`\`${name}\` must be a string, got ${value === null ? 'null' : typeof value}.`, {
      argument: name,
    });
  }
  if (value.trim() === '') {
    throw new TmdbArgumentError(`\`${name}\` must not be empty or only white space.`, { argument: name });
  }
  return value;
}

/** A request token given as a string or as the object `createRequestToken` returned. */
export function requireRequestToken(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'requestToken' in value) {
    return requireText((value as { requestToken: unknown }).requestToken, 'requestToken');
  }
  return requireText(value, 'requestToken');
}

export function requireObject<T extends object>(value: unknown, name: string): T {
  if (typeof value !== 'object' || value === null) {
    throw new TmdbArgumentError(`\`${name}\` must be an object.`, { argument: name });
  }
  return value as T;
}

/** An absolute URL (any scheme: a v4 `redirectTo` may be an app's own, such as `myapp://tmdb`). */
export function requireAbsoluteUrl(value: unknown, name: string): string {
  const text = requireText(value, name);
  try {
    new URL(text);
  } catch {
    throw new TmdbArgumentError(`\`${name}\` must be an absolute URL such as "https://example.com/tmdb/callback".`, {
      argument: name,
    });
  }
  return text;
}
