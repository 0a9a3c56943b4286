/** TMDb's error body: `status_code` is TMDb's own code, not the HTTP status. */
export interface TmdbStatusBody {
  success: false;
  status_code: number;
  status_message: string;
}

/** TMDb code -> the HTTP status and message TMDb sends with it, from TMDb's published error table. */
const STATUSES: Readonly<Record<number, readonly [httpStatus: number, message: string]>> = {
  5: [422, 'Invalid parameters: Your request parameters are incorrect.'],
  7: [401, 'Invalid API key: You must be granted a valid key.'],
  9: [503, 'Service offline: This service is temporarily offline, try again later.'],
  11: [500, 'Internal error: Something went wrong, contact TMDB.'],
  17: [401, 'Session denied.'],
  24: [504, 'Your request to the backend server timed out. Try again.'],
  25: [429, 'Your request count (41) is over the allowed limit of 40.'],
  26: [400, 'You must provide a username and password.'],
  30: [401, 'Invalid username and/or password: You did not provide a valid login.'],
  33: [401, 'Invalid request token: The request token is either expired or invalid.'],
  34: [404, 'The resource you requested could not be found.'],
  35: [401, 'Invalid token.'],
  37: [404, 'The requested session could not be found.'],
  41: [422, "This request token hasn't been approved by the user."],
  43: [502, "Couldn't connect to the backend server."],
};

/** The TMDb codes the emulator answers with. */
export type TmdbStatusCode = 5 | 7 | 9 | 11 | 17 | 24 | 25 | 26 | 30 | 33 | 34 | 35 | 37 | 41 | 43;

/** TMDb's HTTP status and error body for one of its codes. */
export function tmdbStatus(code: TmdbStatusCode): { status: number; body: TmdbStatusBody } {
  const [status, message] = STATUSES[code] as readonly [number, string];
  return { status, body: { success: false, status_code: code, status_message: message } };
}

/** The TMDb code that goes with each 5xx status the emulator can be told to fail with. */
export const SERVER_ERROR_CODES: Readonly<Record<500 | 502 | 503 | 504, TmdbStatusCode>> = {
  500: 11,
  502: 43,
  503: 9,
  504: 24,
};
