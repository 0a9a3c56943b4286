// What the emulator writes into its request log and violations about a request's path and parameter names: a
// caller's own text, which may carry a token or a session id (`/3/account/<session id>`), and may be any length.
import { safeDecode } from './http-input';

const MASK = '[REDACTED]';
const MAX_PATH_LENGTH = 200;
const MAX_NAME_LENGTH = 64;
// A segment this long that is not lower-case words (`validate_with_login`, `guest_session`) is an id: TMDb's
// tokens, session ids and keys are 32 to 40 hex digits, JWTs longer still.
const ID_LENGTH = 16;
const WORDS = /^[a-z]+(?:[_.-][a-z]+)*$/;

/** A path as the log may hold it: id-like segments masked, cut to 200 characters. */
export function loggedPath(path: string): string {
  const masked = path.split('/').map(maskId).join('/');
  return masked.length <= MAX_PATH_LENGTH ? masked : `${masked.slice(0, MAX_PATH_LENGTH)}...`;
}

/** A query parameter's name as the log may hold it: masked when id-like, cut to 64 characters. */
export function loggedName(name: string): string {
  const masked = maskId(name);
  return masked.length <= MAX_NAME_LENGTH ? masked : `${masked.slice(0, MAX_NAME_LENGTH)}...`;
}

function maskId(text: string): string {
  const decoded = safeDecode(text);
  return decoded.length >= ID_LENGTH && !WORDS.test(decoded) ? MASK : text;
}
