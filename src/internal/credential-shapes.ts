// What TMDb's credentials look like, for the checks that catch one passed in the wrong place and for the
// redactor, which masks anything of these shapes even when this client never saw the value.

/**
 * A v3 API key, request token or (guest) session id: 32 hexadecimal digits (some ids are 40); a v4 account id:
 * 24 (an object id).
 */
const HEX_ID = '[0-9a-f]{24,}';

/** A JSON Web Token: the API Read Access Token and v4 user access tokens. */
const JWT = String.raw`eyJ[\w-]*\.[\w-]+\.[\w-]+`;

/** The whole text is a v3 API key. */
export const V3_API_KEY_PATTERN = /^[0-9a-f]{32}$/i;

/** The whole text is a JWT. */
export const JWT_PATTERN = new RegExp(`^${JWT}$`);

/** Every hex id and JWT inside a text (global: use with `replace`). */
export const ID_SHAPES_IN_TEXT: readonly RegExp[] = [
  new RegExp(`()\\b${HEX_ID}\\b`, 'gi'),
  new RegExp(`()\\b${JWT}`, 'g'),
];

/**
 * The whole text is printable ASCII without white space, as every TMDb credential, token and id is. Anything else
 * (a pasted line break, a NUL, a non-breaking space, a curly quote) would be altered or refused on the way to
 * TMDb, and in an altered form it could escape masking by value.
 */
export const CREDENTIAL_CHARACTERS_PATTERN = /^[\x21-\x7e]+$/;

/**
 * A control character (CR, LF, NUL, DEL, C1) or half of a surrogate pair (with `u`, a whole pair never matches):
 * what a username or password, which may be any other Unicode, must not hold. A body or header would alter it,
 * and TMDb's login form cannot produce it.
 */
export const NOT_LOGIN_TEXT_PATTERN = /[\p{Cc}\ud800-\udfff]/u;
