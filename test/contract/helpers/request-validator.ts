// Holds one outgoing request to the spec (method, path, parameters, request body and authentication, through
// the shared validator) and to the credential the test configured.
import type { SpecRequest } from '../../../src/testing/spec-validator';
import { specOf, type SpecOperation } from './spec';

/** An intercepted request, as the contract mock saw it on the wire. */
export type RecordedRequest = SpecRequest & { query: Record<string, string | string[]> };

/** The credential a test configured, which every request must carry (and no other). */
export type ExpectedAuth = { apiKey: string } | { accessToken: string };

/**
 * Everything about `request` that the spec does not allow for `operation`, and any credential other than the one
 * the test configured; empty when it conforms.
 */
export function requestViolations(operation: SpecOperation, request: RecordedRequest, auth: ExpectedAuth): string[] {
  return [...specOf(operation).validator.requestViolations(operation, request), ...credentialViolations(request, auth)];
}

function credentialViolations(request: RecordedRequest, auth: ExpectedAuth): string[] {
  const problems: string[] = [];
  // The configured credential, and only it: a key sent as a Bearer token, or both at once, is a bug.
  const apiKey = request.query['api_key'];
  const authorization = request.headers['authorization'];
  if ('apiKey' in auth) {
    if (apiKey !== auth.apiKey) problems.push('`api_key` is not the configured API key');
    if (authorization !== undefined) problems.push('sends an Authorization header although an API key is configured');
  } else {
    if (authorization !== `Bearer ${auth.accessToken}`)
      problems.push('Authorization is not `Bearer <configured token>`');
    if (apiKey !== undefined) problems.push('sends `api_key` although an access token is configured');
  }
  return problems;
}
