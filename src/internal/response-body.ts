import { TmdbResponseError, type TmdbRequestInfo } from '../errors';
import { parseTmdbDate } from '../tmdb-date';
import type { WireResponse } from './transport-types';

/**
 * Reads the fields of a 2xx answer, refusing anything that is not the model the operation returns: HTML from
 * a proxy, an empty or truncated body, a missing or mistyped field, `success: false`. Error messages describe
 * the problem, never the body's content (it may hold tokens).
 */
export class ResponseBody {
  private readonly fields: Record<string, unknown>;

  constructor(
    private readonly response: WireResponse,
    private readonly request: TmdbRequestInfo,
    private readonly model: string,
    /** How many attempts the call made, this one included: every error says so. */
    private readonly attempts: number,
  ) {
    const body = response.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw this.invalid(`it is ${describe(body)}`);
    this.fields = body as Record<string, unknown>;
    const success = this.fields['success'];
    if (success === false) throw this.invalid('it says `success: false`');
    if (success !== true) {
      throw this.invalid(
        success === undefined ? '`success` is missing' : `\`success\` is ${typeOf(success)}, not a boolean`,
      );
    }
    // TMDb's envelope, where an answer carries it (all of v4's do): a mistyped one says something else answered.
    const statusCode = this.fields['status_code'];
    if (statusCode !== undefined && !Number.isInteger(statusCode)) {
      throw this.invalid(`\`status_code\` is ${typeOf(statusCode)}, not an integer`);
    }
    const statusMessage = this.fields['status_message'];
    if (statusMessage !== undefined && typeof statusMessage !== 'string') {
      throw this.invalid(`\`status_message\` is ${typeOf(statusMessage)}, not a string`);
    }
  }

  /** A field that must be a non-empty string. */
  string(field: string): string {
    const value = this.fields[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw this.invalid(
        value === undefined ? `\`${field}\` is missing` : `\`${field}\` is ${typeOf(value)}, not a non-empty string`,
      );
    }
    return value;
  }

  /** A field that must be an integer. */
  integer(field: string): number {
    const value = this.fields[field];
    if (!Number.isInteger(value)) {
      throw this.invalid(
        value === undefined ? `\`${field}\` is missing` : `\`${field}\` is ${typeOf(value)}, not an integer`,
      );
    }
    return value as number;
  }

  /** A field in TMDb's `YYYY-MM-DD HH:MM:SS UTC` format. */
  tmdbDate(field: string): Date {
    const text = this.string(field);
    try {
      return parseTmdbDate(text);
    } catch {
      throw this.invalid(`\`${field}\` is not a date in TMDb's "YYYY-MM-DD HH:MM:SS UTC" format`);
    }
  }

  /** The server's `Date` header, when it sent one. */
  get serverDate(): string | undefined {
    return this.response.headers['date'];
  }

  private invalid(problem: string): TmdbResponseError {
    const { method, path } = this.request;
    return new TmdbResponseError(
      `${method} ${path} answered HTTP ${this.response.status} with a body that is not a ${this.model}: ${problem}. ` +
        'Something other than TMDb (a proxy, a captive portal) may have answered: check `baseUrl`, or try again later.',
      { request: this.request, httpStatus: this.response.status, attempts: this.attempts },
    );
  }
}

function describe(body: unknown): string {
  if (body === '' || body === undefined) return 'empty';
  if (typeof body === 'string') return /^\s*</.test(body) ? 'an HTML or XML page' : 'text that is not valid JSON';
  if (body === null) return 'JSON null';
  if (Array.isArray(body)) return 'a JSON array';
  return typeOf(body);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Moves a server-stamped expiry onto the local clock: TMDb says a token expires at T by its clock, and its
 * `Date` header says its clock read D when it answered, so the token has T - D left from local time `localNowMs`.
 * Without a readable `Date` header the expiry is kept as TMDb gave it.
 */
export function toLocalExpiry(expiresAt: Date, serverDate: string | undefined, localNowMs: number): Date {
  const serverNowMs = serverDate === undefined ? Number.NaN : Date.parse(serverDate);
  if (Number.isNaN(serverNowMs)) return expiresAt;
  return new Date(localNowMs + (expiresAt.getTime() - serverNowMs));
}
