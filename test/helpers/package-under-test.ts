import path from 'node:path';

/**
 * The package folder the tests exercise: this repository (its dist/ for built files), or, when
 * TMDB_AUTH_CLIENT_UNDER_TEST names one, a copy installed from the packed tarball (the consumer install test
 * runs the whole suite that way).
 */
export const PACKAGE_DIR = process.env['TMDB_AUTH_CLIENT_UNDER_TEST'] ?? path.resolve(__dirname, '..', '..');
