import type { TmdbEmulatorFault } from './faults';

/**
 * Something about a request that the emulator let pass, as TMDb does, but a test may want to know. Never a value:
 * a query string may carry an API key, a session id or a token.
 */
export interface EmulatorNote {
  /**
   * `undeclared-query-parameter`: the request carried a query parameter its operation's spec does not declare
   * (`language=en-US`, `session_id` on every call...). TMDb ignores those, and so does the emulator unless
   * `strictQuery` is set, which refuses them (422) and logs a violation instead.
   */
  type: 'undeclared-query-parameter';
  /** The parameter's name; an id-like name is masked as `[REDACTED]`. */
  name: string;
}

/** One request the emulator received. Paths only: query strings and bodies carry secrets. */
export interface EmulatorRequestRecord {
  method: string;
  /**
   * The path, as received for an operation of the spec; for any other path, its id-like segments (16 characters
   * or more that are not lower-case words: tokens, session ids, keys) are masked as `[REDACTED]`, and it is cut to
   * 200 characters.
   */
  path: string;
  /** The spec operation it matched, if any. */
  operationId: string | undefined;
  /** The HTTP status answered; undefined when a `connection-reset` fault closed the connection instead. */
  status: number | undefined;
  /** The fault injected into it, if any. */
  fault: TmdbEmulatorFault['type'] | undefined;
  /** What the emulator let pass about it (at most 20 notes); empty for most requests. */
  notes: readonly EmulatorNote[];
}
