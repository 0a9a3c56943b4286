import { TmdbArgumentError } from './errors';

// TMDb writes `expires_at` as `2016-08-26 17:04:39 UTC`: not ISO 8601, and `new Date()` only happens to
// parse it on V8. Anything else is refused rather than guessed at.
const TMDB_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC$/;

/**
 * Parses a TMDb timestamp such as `expires_at` (`YYYY-MM-DD HH:MM:SS UTC`) into a `Date`.
 *
 * @throws {TmdbArgumentError} when the text is not in exactly that format or names an impossible date.
 * @example
 * parseTmdbDate('2016-08-26 17:04:39 UTC').toISOString(); // '2016-08-26T17:04:39.000Z'
 */
export function parseTmdbDate(text: string): Date {
  const match = typeof text === 'string' ? TMDB_DATE.exec(text) : null;
  if (!match) {
    throw new TmdbArgumentError(
      `Expected a TMDb date such as "2016-08-26 17:04:39 UTC" (YYYY-MM-DD HH:MM:SS UTC), got ${describe(text)}.`,
      { argument: 'text' },
    );
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2023-02-30 over into March; a round trip tells an impossible date from a real one.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new TmdbArgumentError(`"${text}" is not a real date and time.`, { argument: 'text' });
  }
  return date;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 30 ? `a ${value.length}-character string` : `"${value}"`;
  return value === null ? 'null' : typeof value;
}
