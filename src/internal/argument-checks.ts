import { TmdbArgumentError } from '../errors';
import { CREDENTIAL_CHARACTERS_PATTERN, NOT_LOGIN_TEXT_PATTERN } from './credential-shapes';

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

/** A token or id TMDb issued (a request token, a session id, a user access token): printable ASCII only. */
export function requireCredential(value: unknown, name: string): string {
  const text = requireText(value, name);
  if (!CREDENTIAL_CHARACTERS_PATTERN.test(text)) {
    throw new TmdbArgumentError(
      `\`${name}\` holds a character TMDb never puts in one (white space, a control character or a non-ASCII character): pass it exactly as TMDb returned it.`,
      { argument: name },
    );
  }
  return text;
}

/** A username or password: any Unicode but control characters, which a request would alter. */
export function requireLoginText(value: unknown, name: string): string {
  const text = requireText(value, name);
  if (NOT_LOGIN_TEXT_PATTERN.test(text)) {
    throw new TmdbArgumentError(
      `\`${name}\` holds a control character (such as a line break or NUL) or a broken Unicode character: pass it as the user typed it, without a trailing newline.`,
      { argument: name },
    );
  }
  return text;
}

/** A request token given as a string or as the object `createRequestToken` returned. */
export function requireRequestToken(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'requestToken' in value) {
    return requireCredential((value as { requestToken: unknown }).requestToken, 'requestToken');
  }
  return requireCredential(value, 'requestToken');
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
