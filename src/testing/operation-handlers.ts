import { JWT_PATTERN } from '../internal/credential-shapes';
import type { AuthStore } from './auth-store';
import type { ResolvedEmulatorOptions } from './emulator-options';
import { formatTmdbDate } from './tmdb-date-format';
import { tmdbStatus } from './tmdb-status-body';

/** The arguments of one request, from the query (the seed's GET forms) or the JSON body (the POST forms). */
export interface OperationInput {
  get(name: string): string | undefined;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type OperationHandler = (input: OperationInput) => Reply;

/** Every operationId in the spec; the emulator refuses to start if the spec has one without a handler. */
export type OperationId =
  | 'get-new-authentication-token'
  | 'get-validate-authentication-token-with-login'
  | 'validate-request-token-with-login'
  | 'get-new-authentication-session'
  | 'create-session'
  | 'get-new-authentication-guest-session'
  | 'delete-session'
  | 'create-session-from-v4-token'
  | 'validate-key';

/** TMDb's behaviour for each operation, over the emulator's state. */
export function createOperationHandlers(
  store: AuthStore,
  options: ResolvedEmulatorOptions,
  v4AccessTokenState: (token: string) => 'live' | 'deleted' | 'unknown',
): Record<OperationId, OperationHandler> {
  const createRequestToken: OperationHandler = () => {
    const token = store.createRequestToken();
    return ok({ expires_at: formatTmdbDate(token.expiresAt), request_token: token.value });
  };

  const validateWithLogin: OperationHandler = (input) => {
    const username = input.get('username');
    const password = input.get('password');
    if (!username || !password) return tmdbStatus(26);
    const lookup = store.lookUpRequestToken(input.get('request_token') ?? '');
    if (lookup.state !== 'live') return tmdbStatus(33);
    if (!options.users.some((user) => user.username === username && user.password === password)) {
      return tmdbStatus(30);
    }
    lookup.token.approvedBy = username;
    return ok({ expires_at: formatTmdbDate(lookup.token.expiresAt), request_token: lookup.token.value });
  };

  const createSession: OperationHandler = (input) => {
    const lookup = store.lookUpRequestToken(input.get('request_token') ?? '');
    if (lookup.state !== 'live') return tmdbStatus(33);
    if (lookup.token.approvedBy === undefined) return tmdbStatus(options.unapprovedTokenCode);
    return ok({ session_id: store.createSession(lookup.token) });
  };

  return {
    'get-new-authentication-token': createRequestToken,
    'get-validate-authentication-token-with-login': validateWithLogin,
    'validate-request-token-with-login': validateWithLogin,
    'get-new-authentication-session': createSession,
    'create-session': createSession,
    'get-new-authentication-guest-session': () => {
      const guest = store.createGuestSession();
      return ok({ guest_session_id: guest.id, expires_at: formatTmdbDate(guest.expiresAt) });
    },
    'delete-session': (input) => (store.deleteSession(input.get('session_id') ?? '') ? ok({}) : tmdbStatus(37)),
    // A v4 access token this emulator issued works until it is deleted; any other JWT-shaped one stands for a user
    // who approved the app elsewhere, so tests can bring their own.
    'create-session-from-v4-token': (input) => {
      const token = input.get('access_token') ?? '';
      const usable = JWT_PATTERN.test(token) && v4AccessTokenState(token) !== 'deleted';
      return usable ? ok({ session_id: store.createSessionWithoutToken() }) : tmdbStatus(35);
    },
    'validate-key': () => ok({ status_code: 1, status_message: 'Success.' }),
  };
}

function ok(fields: Record<string, unknown>): Reply {
  return { status: 200, body: { success: true, ...fields } };
}
