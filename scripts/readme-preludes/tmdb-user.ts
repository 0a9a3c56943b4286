// Prelude `tmdb-user`, for README blocks marked `<!-- readme-check: prelude=tmdb-user -->`: a client, as the Quick
// start makes, and what an app has at hand for one user: their id, their password (from a form), their session id.
declare const tmdb: import('tmdb-auth-client').TmdbAuthClient;
declare const userId: string;
declare const password: string;
declare const sessionId: string;
