import {
  TmdbApiError,
  TmdbNetworkError,
  TmdbRateLimitError,
  TmdbResponseError,
  TmdbTimeoutError,
  type TmdbError,
  type TmdbErrorCode,
} from 'tmdb-auth-client';
import { ContractMock } from './helpers/contract-mock';
import { facadeClient, NOW } from './helpers/facade-client';
import { leakedSecrets } from '../helpers/secret-scan';
import { jsonMedia, mediaExample, specResponseFor, type SpecOperation } from './helpers/spec';
import { CREDENTIALS, facadeCaseRows } from './operation-cases';

// The fault matrix: every facade operation against every way an exchange with TMDb goes wrong. Whether a fault is
// retried depends on the spec's method for the operation: a POST is resent only when TMDb provably did not act on
// it (connection refused, 429, 503). Every reply is spec-checked unless the row is an off-spec body on purpose.

type Retried = 'always' | 'unless POST' | 'never';

interface FaultRow {
  fault: string;
  /** Registers one attempt's worth of the fault. */
  serve(contract: ContractMock, operation: SpecOperation): void;
  retried: Retried;
  /** The error the call ends with when every attempt meets the fault. */
  error: { type: abstract new (...args: never[]) => TmdbError; code: TmdbErrorCode };
  /** The exact wait between attempts, when the fault dictates it (Retry-After: no jitter). */
  waitMs?: number;
  /** The `retryAfterMs` a TmdbRateLimitError carries. */
  retryAfterMs?: number;
}

const MAX_RETRIES = 2;
// Generous, so a slow machine never turns another fault into a timeout; the timeout row raises axios's timeout error
// itself (test/network/real-timeouts.test.ts shows axios's own timer raises the same).
const TIMEOUT_MS = 5_000;

const successExample = (operation: SpecOperation) =>
  mediaExample(jsonMedia(specResponseFor(operation, 200)?.response.content)) as Record<string, unknown>;

const status = (code: number, headers?: Record<string, string>) => (contract: ContractMock, op: SpecOperation) =>
  contract.reply(op.operationId, code, headers ? { headers } : {});

const offSpec =
  (why: string, body: (op: SpecOperation) => string | object, contentType = 'application/json') =>
  (contract: ContractMock, op: SpecOperation) =>
    contract.fault(op.operationId, { kind: 'off-spec', why, status: 200, body: body(op), contentType });

/** The success example with its first field besides `success` retyped: a string becomes a number, else a string. */
function withWrongType(op: SpecOperation): object {
  const example = successExample(op);
  const field = Object.keys(example).find((name) => name !== 'success') ?? 'success';
  const value = example[field];
  return { ...example, [field]: typeof value === 'string' ? 12345 : String(value) };
}

const apiError = (code: TmdbErrorCode) => ({ type: TmdbApiError, code });
const rateLimited = { type: TmdbRateLimitError, code: 'rate_limited' as const };
const invalidResponse = { type: TmdbResponseError, code: 'invalid_response' as const };
const networkError = { type: TmdbNetworkError, code: 'network_error' as const };

const FAULTS: FaultRow[] = [
  {
    fault: 'connection reset before a response',
    serve: (contract, op) =>
      contract.fault(op.operationId, { kind: 'connection-error', code: 'ECONNRESET', message: 'socket hang up' }),
    retried: 'unless POST',
    error: networkError,
  },
  {
    fault: 'connection refused',
    serve: (contract, op) =>
      contract.fault(op.operationId, {
        kind: 'connection-error',
        code: 'ECONNREFUSED',
        message: 'connect ECONNREFUSED 127.0.0.1:443',
      }),
    retried: 'always',
    error: networkError,
  },
  {
    fault: 'per-attempt timeout',
    serve: (contract, op) => contract.fault(op.operationId, { kind: 'timeout', timeoutMs: TIMEOUT_MS }),
    retried: 'unless POST',
    error: { type: TmdbTimeoutError, code: 'timeout' },
  },
  {
    fault: '429 with Retry-After in seconds',
    serve: status(429, { 'Retry-After': '2' }),
    retried: 'always',
    error: rateLimited,
    waitMs: 2000,
    retryAfterMs: 2000,
  },
  {
    fault: '429 with Retry-After as an HTTP date',
    serve: status(429, { 'Retry-After': new Date(NOW + 3000).toUTCString() }),
    retried: 'always',
    error: rateLimited,
    waitMs: 3000,
    retryAfterMs: 3000,
  },
  { fault: '429 without Retry-After', serve: status(429), retried: 'always', error: rateLimited },
  {
    fault: '429 with a Retry-After longer than maxRetryAfterMs',
    serve: status(429, { 'Retry-After': '120' }),
    retried: 'never',
    error: rateLimited,
    retryAfterMs: 120_000,
  },
  // The spec's 5XX example carries TMDb code 9, which names the error whatever the status.
  { fault: '500', serve: status(500), retried: 'unless POST', error: apiError('service_offline') },
  { fault: '502', serve: status(502), retried: 'unless POST', error: apiError('service_offline') },
  { fault: '503', serve: status(503), retried: 'always', error: apiError('service_offline') },
  { fault: '504', serve: status(504), retried: 'unless POST', error: apiError('service_offline') },
  { fault: '501', serve: status(501), retried: 'never', error: apiError('service_offline') },
  {
    fault: '200 with an HTML body',
    serve: offSpec(
      'a proxy or captive portal page',
      () => '<!DOCTYPE html><html><body>Welcome</body></html>',
      'text/html',
    ),
    retried: 'never',
    error: invalidResponse,
  },
  {
    fault: '200 with an empty body',
    serve: offSpec('an empty body', () => ''),
    retried: 'never',
    error: invalidResponse,
  },
  {
    fault: '200 with truncated JSON',
    serve: offSpec('a body cut off mid-way', (op) => {
      const text = JSON.stringify(successExample(op));
      return text.slice(0, Math.floor(text.length / 2));
    }),
    retried: 'never',
    error: invalidResponse,
  },
  {
    fault: '200 with a field of the wrong type',
    serve: offSpec('a required field retyped', withWrongType),
    retried: 'never',
    error: invalidResponse,
  },
];

function attemptsFor(row: FaultRow, operation: SpecOperation): number {
  const retried = row.retried === 'always' || (row.retried === 'unless POST' && operation.method !== 'POST');
  return retried ? 1 + MAX_RETRIES : 1;
}

describe.each(CREDENTIALS)('fault matrix, authenticated with $name', ({ auth, secret }) => {
  describe.each(facadeCaseRows(auth))('%s', (operationId, operation, facadeCase) => {
    const secrets = Object.fromEntries(
      [secret, ...facadeCase.secrets].map((value, i) => [`secret #${i} (${value.slice(0, 4)}...)`, value]),
    );
    const rows = FAULTS.map((row) => {
      const attempts = attemptsFor(row, operation);
      return {
        ...row,
        attempts,
        title: `${row.fault}: ${attempts} attempt(s), then ${row.error.type.name} ${row.error.code}`,
      };
    });

    it.each(rows)('$title', async (row) => {
      const contract = new ContractMock(auth);
      for (let i = 0; i < row.attempts; i++) row.serve(contract, operation);
      const { client, sleeps } = facadeClient(auth, {
        maxRetries: MAX_RETRIES,
        timeoutMs: TIMEOUT_MS,
      });

      const error = await facadeCase.call(client).then(
        () => undefined,
        (reason: unknown) => reason,
      );

      contract.done();
      expect(contract.requests).toHaveLength(row.attempts);
      expect(error).toBeInstanceOf(row.error.type);
      expect(error).toMatchObject({
        code: row.error.code,
        request: { method: operation.method, path: operation.path },
      });
      if (row.retryAfterMs !== undefined) expect(error).toMatchObject({ retryAfterMs: row.retryAfterMs });
      expect(sleeps).toHaveLength(row.attempts - 1);
      if (row.waitMs !== undefined) expect(sleeps).toEqual(Array(row.attempts - 1).fill(row.waitMs));
      expect(leakedSecrets(error, secrets)).toEqual([]);
    });

    const recoverable = rows.filter((row) => row.attempts > 1);
    it.each(recoverable)('$fault once: 2 attempts, then the documented success', async (row) => {
      const contract = new ContractMock(auth);
      row.serve(contract, operation);
      contract.reply(operationId, 200);
      const { client, sleeps } = facadeClient(auth, {
        maxRetries: MAX_RETRIES,
        timeoutMs: TIMEOUT_MS,
      });

      const result = await facadeCase.call(client);

      contract.done();
      expect(contract.requests).toHaveLength(2);
      expect(result).toEqual(facadeCase.result(successExample(operation)));
      expect(sleeps).toEqual(row.waitMs === undefined ? [expect.any(Number)] : [row.waitMs]);
    });
  });
});
