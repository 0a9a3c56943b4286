// Prelude `tmdb`, for README blocks marked `<!-- readme-check: prelude=tmdb -->`: a client, as the Quick start makes.
declare const tmdb: import('tmdb-auth-client').TmdbAuthClient;
