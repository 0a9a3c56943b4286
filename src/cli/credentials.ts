import { CliError } from './cli-errors';
import { EXIT_CODES } from './exit-codes';

/** Where to find your credentials, for error messages. */
export const CREDENTIALS_FIX =
  'Set TMDB_API_KEY to your v3 API key, or TMDB_ACCESS_TOKEN to your API Read Access Token (both at https://www.themoviedb.org/settings/api).';

/** Where to find the credential TMDb's v4 user authentication takes, for error messages. */
export const V4_CREDENTIALS_FIX =
  'Set TMDB_ACCESS_TOKEN to your API Read Access Token (at https://www.themoviedb.org/settings/api): v4 user authentication takes it, not the v3 API key.';

/** The credentials in the environment, as client options. */
export interface EnvCredentials {
  apiKey?: string;
  accessToken?: string;
}

/** Reads `TMDB_API_KEY` or `TMDB_ACCESS_TOKEN`; an empty variable counts as unset. */
export function readEnvCredentials(env: NodeJS.ProcessEnv): EnvCredentials | undefined {
  const apiKey = env['TMDB_API_KEY'] || undefined;
  const accessToken = env['TMDB_ACCESS_TOKEN'] || undefined;
  if (apiKey && accessToken) {
    throw new CliError(
      'Both TMDB_API_KEY and TMDB_ACCESS_TOKEN are set; TMDb needs only one.',
      EXIT_CODES.credentials,
      'Unset one of them.',
      'conflicting_credentials',
    );
  }
  if (apiKey) return { apiKey };
  if (accessToken) return { accessToken };
  return undefined;
}

/** Like {@link readEnvCredentials}, for commands that cannot run without credentials. */
export function requireEnvCredentials(env: NodeJS.ProcessEnv): EnvCredentials {
  const credentials = readEnvCredentials(env);
  if (!credentials) {
    throw new CliError('No TMDb credentials.', EXIT_CODES.credentials, CREDENTIALS_FIX, 'no_credentials');
  }
  return credentials;
}

/**
 * Like {@link requireEnvCredentials}, for v4 user authentication (`login --v4`, `logout --v4`), which only the API
 * Read Access Token can do: TMDB_API_KEY alone is refused before anything is sent, with v4's fix.
 */
export function requireV4Credentials(env: NodeJS.ProcessEnv): { accessToken: string } {
  const credentials = readEnvCredentials(env);
  if (credentials?.accessToken === undefined) {
    throw new CliError(
      credentials
        ? 'TMDB_API_KEY is a v3 API key, and TMDb’s v4 user authentication does not take one.'
        : 'No TMDb credentials for v4 user authentication.',
      EXIT_CODES.credentials,
      V4_CREDENTIALS_FIX,
      'no_credentials',
    );
  }
  return { accessToken: credentials.accessToken };
}

const TMDB_API_HOST = 'api.themoviedb.org';

/**
 * Where approval pages live. Given `--base-url` for anything but TMDb itself (such as `tmdb-auth emulator`), the
 * approval page is on that server's origin, which is where the emulator serves it.
 */
export function approvalBaseUrlFor(baseUrl: string | undefined, approvalBaseUrl: string | undefined) {
  if (approvalBaseUrl !== undefined || baseUrl === undefined) return approvalBaseUrl;
  try {
    const url = new URL(baseUrl);
    return url.hostname === TMDB_API_HOST ? undefined : url.origin;
  } catch {
    // The client reports the bad --base-url, naming the option.
    return undefined;
  }
}
