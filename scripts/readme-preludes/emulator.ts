// Prelude `emulator`, for README blocks marked `<!-- readme-check: prelude=emulator -->`: a running emulator, as
// the testing section's jest file starts.
declare const emulator: import('tmdb-auth-client/testing').TmdbEmulator;
