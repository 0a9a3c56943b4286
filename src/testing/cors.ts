import type http from 'node:http';

/**
 * CORS as TMDb's API speaks it: any origin, no credentials (TMDb authenticates with the API key or a bearer
 * token, never a cookie), so a page on another origin can call the emulator as it would call TMDb.
 * `Retry-After` is exposed so a page can honour a 429's wait; `Date` is not, so in a browser the client rebases
 * `expires_at` without it.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Retry-After',
};

const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, POST, DELETE',
  'access-control-allow-headers': 'Authorization, Content-Type',
  'access-control-max-age': '86400',
};

/** Answers a CORS preflight (any OPTIONS request); says whether it did. */
export function answerPreflight(req: http.IncomingMessage, res: http.ServerResponse, date: string): boolean {
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, { ...PREFLIGHT_HEADERS, date, 'content-length': '0' }).end();
  return true;
}
