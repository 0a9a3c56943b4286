import { isAxiosError } from 'axios';
import { AuthenticationApi, Configuration } from 'tmdb-auth-client/generated';
import { AuthApi, Configuration as V4Configuration } from 'tmdb-auth-client/generated/v4';
import { ContractMock } from './helpers/contract-mock';
import type { ExpectedAuth } from './helpers/request-validator';
import { acceptsCredential, jsonMedia, mediaExample, SPECS, specOperations, type SpecOperation } from './helpers/spec';
import { ACCESS_TOKEN, API_KEY, GENERATED_CASES, type GeneratedApis, type GeneratedCase } from './operation-cases';
import { errorStatusesOf } from './helpers/documented-errors';

const credentials: { name: string; auth: ExpectedAuth }[] = [
  { name: 'an API key', auth: { apiKey: API_KEY } },
  { name: 'a read access token', auth: { accessToken: ACCESS_TOKEN } },
];

const [v3Spec, v4Spec] = SPECS as [(typeof SPECS)[number], (typeof SPECS)[number]];

/** Each document's generated client on its spec's server, with the credential as its Configuration takes it. */
function generatedApis(auth: ExpectedAuth): GeneratedApis {
  return {
    v3: new AuthenticationApi(new Configuration(auth), v3Spec.baseUrl),
    // v4's Configuration knows only the Bearer token; a v4 call with an API key is not a case.
    v4: new AuthApi(new V4Configuration('accessToken' in auth ? auth : {}), v4Spec.baseUrl),
  };
}

/** The operations the spec lets this credential call (v4's take only the Bearer token). */
function casesFor(auth: ExpectedAuth) {
  return specOperations()
    .filter((operation) => acceptsCredential(operation, auth))
    .map((operation) => [operation.operationId, operation] as const);
}

function caseFor(operation: SpecOperation): GeneratedCase {
  const found = GENERATED_CASES[operation.operationId];
  if (!found) throw new Error(`No contract case for ${operation.operationId}: add one to operation-cases.ts`);
  return found;
}

describe.each(credentials)('the generated client, authenticated with $name, against the spec', ({ auth }) => {
  const api = generatedApis(auth);

  describe.each(casesFor(auth))('%s', (operationId, operation) => {
    it('sends a request the spec accepts and reads the documented success response', async () => {
      const contract = new ContractMock(auth).reply(operationId, 200);
      const generated = caseFor(operation);

      const response = await generated.call(api);

      contract.done();
      expect(response.status).toBe(200);
      expect(response.data).toEqual(mediaExample(jsonMedia(operation.responses['200']?.content)));
      expectSent(contract, generated);
    });

    it.each(errorStatusesOf(operation))('rejects with the documented HTTP %i response and its body', async (status) => {
      const contract = new ContractMock(auth).reply(operationId, status);

      const failure = await caseFor(operation)
        .call(api)
        .then(
          () => undefined,
          (error: unknown) => error,
        );

      contract.done();
      expect(isAxiosError(failure)).toBe(true);
      const response = isAxiosError(failure) ? failure.response : undefined;
      expect(response?.status).toBe(status);
      expect(response?.data).toEqual(contract.servedBodies[0]);
    });
  });
});

function expectSent(contract: ContractMock, generated: GeneratedCase): void {
  const [request] = contract.requests;
  expect(contract.requests).toHaveLength(1);
  expect(request?.query).toEqual(expect.objectContaining(generated.sends.query ?? {}));
  if (generated.sends.body === undefined) expect(request?.body).toBe('');
  else expect(JSON.parse(request?.body ?? '')).toEqual(generated.sends.body);
}
