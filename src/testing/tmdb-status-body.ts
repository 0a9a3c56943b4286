import { TMDB_CODES, type TmdbCode } from '../internal/tmdb-codes';

/** TMDb's error body: `status_code` is TMDb's own code, not the HTTP status. */
export interface TmdbStatusBody {
  success: false;
  status_code: number;
  status_message: string;
}

/** TMDb's HTTP status and error body for one of its codes. */
export function tmdbStatus(code: TmdbCode): { status: number; body: TmdbStatusBody } {
  const { httpStatus, message } = TMDB_CODES[code];
  return { status: httpStatus, body: { success: false, status_code: code, status_message: message } };
}

/** The TMDb code that goes with each 5xx status the emulator can be told to fail with. */
export const SERVER_ERROR_CODES: Readonly<Record<500 | 502 | 503 | 504, TmdbCode>> = {
  500: 11,
  502: 43,
  503: 9,
  504: 24,
};
