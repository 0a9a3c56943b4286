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
