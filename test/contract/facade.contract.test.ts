import { TmdbApiError, TmdbRateLimitError, type TmdbErrorCode } from 'tmdb-auth-client';
import { ContractMock } from './helpers/contract-mock';
import { errorStatusesOf } from './helpers/documented-errors';
import { facadeClient } from './helpers/facade-client';
import { leakedSecrets } from '../helpers/secret-scan';
import { rejectionOf } from '../helpers/tmdb';
import { specOf, specResponseFor, type SpecOperation } from './helpers/spec';
import { CREDENTIALS, facadeCaseRows, type FacadeCase } from './operation-cases';

/** What the facade must make of each TMDb error code the spec's examples use (TMDb's published error table). */
const EXPECTED_BY_TMDB_CODE: Readonly<Record<number, { type: typeof TmdbApiError; code: TmdbErrorCode }>> = {
  7: { type: TmdbApiError, code: 'invalid_api_key' },
  9: { type: TmdbApiError, code: 'service_offline' },
  25: { type: TmdbRateLimitError, code: 'rate_limited' },
  26: { type: TmdbApiError, code: 'credentials_required' },
  33: { type: TmdbApiError, code: 'request_token_invalid' },
  34: { type: TmdbApiError, code: 'not_found' },
  35: { type: TmdbApiError, code: 'invalid_token' },
  41: { type: TmdbApiError, code: 'request_token_not_approved' },
  47: { type: TmdbApiError, code: 'invalid_parameters' },
};

function secretsOf(facadeCase: FacadeCase, credential: string): Record<string, string> {
  return Object.fromEntries([credential, ...facadeCase.secrets].map((secret, i) => [`secret #${i}`, secret]));
}

describe.each(CREDENTIALS)('the facade, authenticated with $name, against the spec', ({ auth, secret }) => {
  describe.each(facadeCaseRows(auth))('%s', (operationId, operation, facadeCase) => {
    it(`${String(facadeCase.method)}() sends a request the spec accepts and returns the documented success`, async () => {
      const contract = new ContractMock(auth).reply(operationId, 200);
      const { client } = facadeClient(auth);

      const result = await facadeCase.call(client);

      contract.done();
      expect(result).toEqual(facadeCase.result(contract.servedBodies[0] as Record<string, unknown>));
      expect(contract.requests).toHaveLength(1);
      const [request] = contract.requests;
      expect(request?.query).toEqual(expect.objectContaining(facadeCase.sends.query ?? {}));
      if (facadeCase.sends.body === undefined) expect(request?.body).toBe('');
      else expect(JSON.parse(request?.body ?? '')).toEqual(facadeCase.sends.body);
    });

    it.each(errorStatusesOf(operation))(
      `${String(facadeCase.method)}() turns the documented HTTP %i response into its typed error, without secrets`,
      async (status) => {
        const contract = new ContractMock(auth).reply(operationId, status);
        const { client } = facadeClient(auth, { maxRetries: 0 });
        const body = contract.servedBodies[0] as { status_code: number; status_message: string };
        const expected = EXPECTED_BY_TMDB_CODE[body.status_code];
        if (!expected) throw new Error(`No expectation for TMDb code ${body.status_code}: add it to the table above`);

        const error = await rejectionOf(facadeCase.call(client));

        contract.done();
        expect(error).toBeInstanceOf(expected.type);
        expect(error).toMatchObject({
          name: expected.type.name,
          code: expected.code,
          httpStatus: status,
          tmdbCode: body.status_code,
          tmdbMessage: body.status_message,
          request: routeOf(operation),
        });
        // A field renamed in the spec would be undefined on both sides above: TMDb's code and message must arrive.
        expect(error).toMatchObject({ tmdbCode: expect.any(Number), tmdbMessage: expect.any(String) });
        expect(leakedSecrets(error, secretsOf(facadeCase, secret))).toEqual([]);
      },
    );

    if (sendsListShape422(operation)) {
      it(`${String(facadeCase.method)}() reads TMDb's second 422 shape, a list of errors`, async () => {
        const errors = ['request_token is missing', 'must be a string'];
        const contract = new ContractMock(auth).reply(operationId, 422, { body: { errors } });
        const { client } = facadeClient(auth, { maxRetries: 0 });

        const error = await rejectionOf(facadeCase.call(client));

        contract.done();
        expect(error).toBeInstanceOf(TmdbApiError);
        expect(error).toMatchObject({
          code: 'invalid_parameters',
          httpStatus: 422,
          tmdbCode: undefined,
          tmdbMessage: errors.join('; '),
          request: routeOf(operation),
        });
      });
    }
  });
});

/**
 * Whether TMDb may answer `operation` with its second 422 shape, `{ errors: [...] }`: v3 does, where it documents a
 * 422. Not read from the spec's schema, so a spec that loses (or renames) that shape fails the fixture check.
 */
function sendsListShape422(operation: SpecOperation): boolean {
  return specOf(operation).api === 'v3' && specResponseFor(operation, 422) !== undefined;
}

function routeOf(operation: SpecOperation): { method: string; path: string } {
  return { method: operation.method, path: operation.path };
}
