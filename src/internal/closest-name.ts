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
