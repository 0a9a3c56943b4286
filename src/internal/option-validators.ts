// The checks every options object shares: unknown names refused with the closest known one, whole numbers,
// durations a timer can keep, functions, signals; each failure a TmdbConfigurationError naming the option.
import { TmdbConfigurationError } from '../errors';

/**
 * The longest wait a JavaScript timer keeps: 2^31 - 1 ms, about 24.8 days. Node.js (with a
 * TimeoutOverflowWarning) and browsers fire a longer `setTimeout` at once, so a longer timeout would time out at
 * once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function optionalSignal(signal: unknown): AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidOption('signal', '`signal` must be an AbortSignal.');
  }
  return signal;
}

/** Refuses any option name not in `known`, naming the closest known one (a misspelt option would be ignored). */
export function refuseUnknownOptions(
  options: object,
  known: Readonly<Record<string, true>>,
  [what, whats]: readonly [string, string],
): void {
  for (const name of Object.keys(options)) {
    if (Object.hasOwn(known, name)) continue;
    const names = Object.keys(known);
    const closest = closestName(name, names);
    throw invalidOption(
      name,
      closest === undefined
        ? `Unknown ${what} \`${name}\`. The ${whats} are: ${names.map((n) => `\`${n}\``).join(', ')}.`
        : `Unknown ${what} \`${name}\`: did you mean \`${closest}\`?`,
    );
  }
}

export function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw invalidOption(name, `\`${name}\` must be a whole number, 0 or more; got ${shown(value)}.`);
  }
  return value as number;
}

export interface DurationRule {
  /** The value when none is given. */
  fallback: number;
  /** Zero is refused (a limit of 0 ms could never be met). */
  moreThanZero?: boolean;
  /** `Infinity` is accepted, meaning no limit (callers turn it into `undefined` or `MAX_TIMER_MS`). */
  noLimit?: boolean;
}

/**
 * A number of milliseconds, at most {@link MAX_TIMER_MS}. The message states the whole range whatever the value
 * was, so fixing one bound never runs into the other.
 */
export function duration(name: string, value: unknown, rule: DurationRule): number {
  if (value === undefined) return rule.fallback;
  if (rule.noLimit && value === Number.POSITIVE_INFINITY) return MAX_TIMER_MS;
  const low = rule.moreThanZero ? 'more than 0' : 'from 0';
  const high = rule.moreThanZero ? `and at most ${MAX_TIMER_MS}` : `to ${MAX_TIMER_MS}`;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.moreThanZero ? value > 0 : value >= 0) &&
    value <= MAX_TIMER_MS;
  if (!ok) {
    throw invalidOption(
      name,
      `\`${name}\` must be a number of milliseconds ${low} ${high} (2^31 - 1, about 24.8 days: the longest a timer can wait)${rule.noLimit ? ', or Infinity for no limit' : ''}; got ${shown(value)}.`,
    );
  }
  return value as number;
}

/** A size in bytes: a whole number, 1 or more, or `Infinity` for no limit (returned as -1, axios's word for none). */
export function byteLimit(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === Number.POSITIVE_INFINITY) return -1;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw invalidOption(
      name,
      `\`${name}\` must be a whole number of bytes, 1 or more, or Infinity for no limit; got ${shown(value)}.`,
    );
  }
  return value as number;
}

/** An option's value for an error message: numbers as they are (never a secret), anything else by its type. */
export function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : `a ${typeof value}`;
}

export function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw invalidOption(name, `\`${name}\` must be a function.`);
  }
  return value;
}

export function optionalFunctionLike<T>(name: string, value: T | undefined): T | undefined {
  // An axios instance is a function with request methods on it.
  if (
    value !== undefined &&
    (typeof value !== 'function' || typeof (value as { request?: unknown }).request !== 'function')
  ) {
    throw invalidOption(name, `\`${name}\` must be an axios instance (from \`axios.create()\`).`);
  }
  return value;
}

export function invalidOption(option: string, message: string): TmdbConfigurationError {
  return new TmdbConfigurationError(message, { option });
}

/**
 * The known name a misspelt one most likely meant, or undefined when none is close: `timeout` -> `timeoutMs`,
 * `api_key` -> `apiKey`, `maxRetry` -> `maxRetries`, `retryDelay` -> `retryDelayMs`.
 */
export function closestName(unknown: string, known: readonly string[]): string | undefined {
  const wanted = normalise(unknown);
  if (wanted === '') return undefined;
  let best: { name: string; score: number } | undefined;
  for (const name of known) {
    const candidate = normalise(name);
    // A prefix is the commonest slip (`timeout` for `timeoutMs`); count only the missing tail's length, halved.
    const score =
      candidate.startsWith(wanted) || wanted.startsWith(candidate)
        ? Math.abs(candidate.length - wanted.length) / 2
        : editDistance(wanted, candidate);
    if (best === undefined || score < best.score) best = { name, score };
  }
  // Close means fewer edits than half the name: `maxRetry` is a near miss of `maxRetries`, `foo` is not one of `now`.
  return best !== undefined && best.score <= Math.max(1, Math.floor(wanted.length / 2)) ? best.name : undefined;
}

/** Case, `_` and `-` do not tell option names apart for a person typing them. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
