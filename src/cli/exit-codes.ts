/** The exit codes of `tmdb-auth`, documented in `tmdb-auth --help` and docs/cli.md. */
export const EXIT_CODES = {
  /** It worked. */
  ok: 0,
  /** An unexpected failure (a bug): please report it. */
  unexpected: 1,
  /** The command line is wrong: unknown command or option, missing argument, bad URL. */
  usage: 2,
  /** No credentials, or TMDb refused them (codes 3, 7, 10, 14, 35). */
  credentials: 3,
  /** TMDb refused the request itself: wrong login (30), expired or used token (33), unknown session (37)... */
  refused: 4,
  /** TMDb could not be reached or is unavailable: network, timeout, rate limit, 5xx. Try again later. */
  unavailable: 5,
  /** `login` waited for the user's approval and it did not come in time. */
  approvalTimeout: 6,
  /** Interrupted (Ctrl-C, SIGINT): 128 + 2, as shells report it. */
  interrupted: 130,
  /** Terminated (SIGTERM): 128 + 15. */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
