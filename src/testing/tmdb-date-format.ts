/** Writes a time as TMDb does in `expires_at`: `YYYY-MM-DD HH:MM:SS UTC` (not ISO 8601). */
export function formatTmdbDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}
