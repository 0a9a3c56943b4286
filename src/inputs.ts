import { TmdbArgumentError } from './errors';

/** A request token as a string, or the object `createRequestToken` returned. */
export type RequestTokenInput = string | { readonly requestToken: string };

/** Checks a caller-supplied id or credential before any request; the message names it, never shows it. */
export function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw new TmdbArgumentError(`\`${name}\` must be a string, got ${value === null ? 'null' : typeof value}.`, name);
  }
  if (value.trim() === '') throw new TmdbArgumentError(`\`${name}\` must not be empty or only white space.`, name);
  return value;
}

export function requireRequestToken(value: unknown, name = 'requestToken'): string {
  if (typeof value === 'object' && value !== null && 'requestToken' in value) {
    return requireText((value as { requestToken: unknown }).requestToken, name);
  }
  return requireText(value, name);
}

export function requireObject<T extends object>(value: unknown, name: string): T {
  if (typeof value !== 'object' || value === null) throw new TmdbArgumentError(`\`${name}\` must be an object.`, name);
  return value as T;
}
