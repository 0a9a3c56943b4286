/**
 * How long the server asked the client to wait, from `retry-after-ms` or `Retry-After` (delta seconds or an
 * HTTP date), or `undefined` when it did not say (or said something unreadable).
 */
export function retryAfterMs(headers: Readonly<Record<string, string | undefined>>, nowMs: number): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));

  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);

  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  // An HTTP date is on the server's clock; measured against the server's own Date header, a skewed local clock
  // does not stretch or shrink the wait.
  const serverNow = headers['date'] === undefined ? Number.NaN : Date.parse(headers['date']);
  return Math.max(0, at - (Number.isNaN(serverNow) ? nowMs : serverNow));
}
