import { ID_SHAPES_IN_TEXT } from './credential-shapes';
import { TMDB_STATUS_MESSAGES } from './tmdb-codes';

const REDACTED = '[REDACTED]';

const FIELD_NAMES = 'api_key|password|request_token|session_id|guest_session_id|access_token|account_id';

// JSON inside JSON inside JSON...: each level doubles the backslashes before a quote and adds one. A server that
// quotes a request it got, inside a message that is itself quoted, nests them; four levels is past anything seen.
const JSON_LEVELS = 5;

/**
 * `"password": "..."` at one level of JSON nesting (`unit` = 2^level: a quote that opens or ends a string has
 * unit - 1 backslashes before it). The value runs over escaped quotes, at this level or any deeper, to the quote
 * that ends it, so no tail of it is left after the mask.
 */
function jsonField(unit: number): RegExp {
  const bare = unit - 1;
  const open = String.raw`(?<!\\)\\{${bare}}"`;
  const escapedQuote = String.raw`(?:\\{${2 * unit}})*\\{${bare + unit}}"`;
  return new RegExp(
    String.raw`(${open}(?:${FIELD_NAMES})\\{${bare}}"\s*:\s*\\{${bare}}")(?:[^\\"]|\\+(?=[^\\"])|${escapedQuote})*`,
    'gi',
  );
}

// Credentials can reach a message by other routes than the values we know (a proxy echoing a URL, a server
// message quoting a query string), so the shapes are masked as well as the values.
const CREDENTIAL_SHAPES: readonly RegExp[] = [
  // A query or form field, also percent-encoded inside another URL; its value ends where the field would, and
  // runs over a backslash-escaped quote (a JSON-escaped value), which the field cannot end at.
  new RegExp(String.raw`(\b(?:${FIELD_NAMES})(?:=|%3D|%253D))(?:\\+["']|[^&#\s"'\\]|\\+(?=[^"'\\]))*`, 'gi'),
  ...Array.from({ length: JSON_LEVELS }, (_, level) => jsonField(2 ** level)),
  // 16 characters at least: every TMDb credential is far longer, and a word after "Bearer" (as in "a Bearer
  // token") is prose, not a secret.
  /(Bearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi,
];

/**
 * A secret this short (a password: TMDb's keys, tokens and ids are all far longer) would mask pieces of ordinary
 * words, so it is masked only where it stands alone: not touching a letter, digit or `_`.
 */
const MIN_SECRET_LENGTH_INSIDE_WORDS = 6;

export interface RedactorOptions {
  /**
   * Also mask anything shaped like a TMDb key, token or id (32+ hex digits, a JWT), known or not. Right for
   * errors, which never need one; wrong for output whose point is to show a token or session id to its owner.
   * @default true
   */
  maskIdShapes?: boolean;
  /**
   * Also mask the values of credential fields (`request_token=...`, `"access_token": "..."`, `Bearer ...`). Wrong
   * only for text whose point is such a field, as a v4 approval URL (`?request_token=...`) shown to its user.
   * @default true
   */
  maskFields?: boolean;
  /**
   * Fixed, public texts left readable wherever they appear whole, even when a secret is one of their words (a
   * password `password` must not turn TMDb's "Invalid username and/or password" into "...and/or [REDACTED]").
   * @default TMDb's status messages
   */
  keep?: readonly string[];
}

/**
 * Masks known secret values, and anything shaped like a credential, in text bound for an error or a log. Use it
 * on text from outside (a server, a network error, a caller), never on text we wrote: our advice may use a word
 * that happens to be someone's password.
 */
export class Redactor {
  private readonly secrets: readonly string[];
  private readonly patterns: readonly RegExp[];

  constructor(
    secrets: Iterable<string | undefined> = [],
    private readonly options: RedactorOptions = {},
  ) {
    this.secrets = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s !== ''))];
    this.patterns = [
      ...this.secrets.map(secretPattern),
      ...(options.maskFields === false ? [] : CREDENTIAL_SHAPES),
      ...(options.maskIdShapes === false ? [] : ID_SHAPES_IN_TEXT),
    ];
  }

  /** A redactor that also masks these values. */
  with(...more: (string | undefined)[]): Redactor {
    return new Redactor([...this.secrets, ...more], this.options);
  }

  redact(text: string): string {
    const kept = merged(occurrences(text, this.options.keep ?? TMDB_STATUS_MESSAGES));
    const masked: [number, number][] = [];
    for (const pattern of this.patterns) {
      pattern.lastIndex = 0;
      for (const match of text.matchAll(pattern)) {
        // Shapes keep their field name (group 1) and mask the value after it.
        const start = match.index + (match[1]?.length ?? 0);
        const end = match.index + match[0].length;
        if (end > start && !within(kept, start, end)) masked.push([start, end]);
      }
    }
    return maskRanges(text, masked);
  }
}

/** Where each of `texts` occurs whole in `text`. */
function occurrences(text: string, texts: readonly string[]): [number, number][] {
  const found: [number, number][] = [];
  for (const phrase of texts) {
    if (phrase === '') continue;
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      found.push([at, at + phrase.length]);
    }
  }
  return found;
}

/** The ranges sorted, with overlapping or touching ones merged. */
function merged(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of ranges) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** Whether [start, end) lies inside one of the sorted, disjoint `ranges` (a binary search: a hostile text may hold thousands). */
function within(ranges: readonly [number, number][], start: number, end: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle] as [number, number];
    if (to <= start) low = middle + 1;
    else if (from > start) high = middle - 1;
    else return end <= to;
  }
  return false;
}

/** `text` with each range (overlapping or touching ones merged) replaced by one mask. */
function maskRanges(text: string, ranges: [number, number][]): string {
  let out = '';
  let copied = 0;
  for (const [from, to] of merged(ranges)) {
    out += text.slice(copied, from) + REDACTED;
    copied = to;
  }
  return out + text.slice(copied);
}

/**
 * Every form a secret takes when a server quotes it back: as it is; JSON-escaped, up to four levels deep
 * (`\"`, `\\\"`, ...); as `\uXXXX` escapes; percent-encoded (also twice, `%2522`), with `+` for a space; as
 * HTML character references (`&quot;`, `&#34;`, `&#x22;`, also `&amp;`-escaped). Each character may take any
 * of its forms, so a mix is matched too.
 */
function secretPattern(secret: string): RegExp {
  const characters = [...secret];
  const body = characters.map((character, index) => characterForms(character, index === 0)).join('');
  if (characters.length >= MIN_SECRET_LENGTH_INSIDE_WORDS) return new RegExp(body, 'gu');
  return new RegExp(String.raw`(?<![\p{L}\p{N}_])${body}(?![\p{L}\p{N}_])`, 'gu');
}

// Up to four levels of JSON escaping: 1, 2, 4, 8 or 16 backslashes for one, and 0 to 15 before a quote.
const ESCAPING_BACKSLASHES = String.raw`\\{1,16}`;
const QUOTE_BACKSLASHES = String.raw`\\{0,15}`;

const HTML_NAMED: Readonly<Record<string, string>> = { '"': 'quot', '&': 'amp', "'": 'apos', '<': 'lt', '>': 'gt' };

function characterForms(character: string, first: boolean): string {
  const codePoint = character.codePointAt(0) as number;
  // A match starts where its run of backslashes does: tried from inside a long run, each start would count
  // through the run again (a megabyte of backslashes would take seconds).
  const backslashes = (run: string) => (first ? String.raw`(?<!\\)${run}` : run);
  const forms: string[] = [];
  if (character === '\\') forms.push(backslashes(ESCAPING_BACKSLASHES));
  else if (character === '"' || character === '/') forms.push(backslashes(QUOTE_BACKSLASHES) + escapeRegExp(character));
  else forms.push(escapeRegExp(character));
  if (character === ' ') forms.push(String.raw`\+`);
  const units = Array.from({ length: character.length }, (_, i) => character.charCodeAt(i));
  forms.push(
    units
      .map((unit, i) => `${i === 0 ? backslashes(ESCAPING_BACKSLASHES) : ESCAPING_BACKSLASHES}u${hex(unit, 4)}`)
      .join(''),
  );
  forms.push([...new TextEncoder().encode(character)].map((byte) => `%(?:25){0,3}${hex(byte, 2)}`).join(''));
  const entity = '&(?:amp;){0,3}';
  forms.push(`${entity}#0*${codePoint};?`, `${entity}#[xX]0*${hex(codePoint, 1)};?`);
  const named = HTML_NAMED[character];
  if (named !== undefined) forms.push(`${entity}${named};`);
  return `(?:${forms.join('|')})`;
}

/** `value` in hexadecimal, at least `width` digits, matching either case. */
function hex(value: number, width: number): string {
  return [...value.toString(16).padStart(width, '0')]
    .map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
