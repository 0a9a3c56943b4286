import type { ResolvedEmulatorOptions } from './emulator-options';
import type { OperationHandler, Reply } from './operation-handlers';
import { tmdbStatus } from './tmdb-status-body';
import type { V4AuthStore } from './v4-auth-store';

/** Every operationId in the v4 spec; the emulator refuses to start if the spec has one without a handler. */
export type V4OperationId = 'auth-create-request-token' | 'auth-create-access-token' | 'auth-logout';

/** TMDb's v4 auth behaviour for each operation, over the emulator's v4 state. */
export function createV4OperationHandlers(
  store: V4AuthStore,
  options: ResolvedEmulatorOptions,
): Record<V4OperationId, OperationHandler> {
  return {
    'auth-create-request-token': (input) =>
      ok(1, 'Success.', { request_token: store.createRequestToken(input.get('redirect_to')).value }),
    'auth-create-access-token': (input) => {
      const token = store.liveRequestToken(input.get('request_token') ?? '');
      if (!token) return tmdbStatus(33);
      const { approvedBy } = token;
      if (approvedBy === undefined) return tmdbStatus(options.v4UnapprovedTokenCode);
      const { accessToken, accountId } = store.exchange({ ...token, approvedBy });
      return ok(1, 'Success.', { access_token: accessToken, account_id: accountId });
    },
    'auth-logout': (input) =>
      store.deleteAccessToken(input.get('access_token') ?? '')
        ? ok(13, 'The item/record was deleted successfully.')
        : tmdbStatus(35),
  };
}

function ok(statusCode: number, statusMessage: string, fields: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { success: true, status_code: statusCode, status_message: statusMessage, ...fields } };
}
