import { TmdbResponseError } from 'tmdb-auth-client';
import { ContractMock } from './helpers/contract-mock';
import { facadeClient } from './helpers/facade-client';
import { API_KEY, SESSION_ID } from './operation-cases';

// DeleteSessionResponse is only `{ success }`: a body without a boolean there says nothing was deleted.
describe('the success flag of a 2xx answer', () => {
  const auth = { apiKey: API_KEY };

  it.each([
    ['a string', { success: 'true' }],
    ['a number', { success: 1 }],
    ['missing', {}],
  ])('makes deleteSession() fail with TmdbResponseError when it is %s', async (_kind, body) => {
    const contract = new ContractMock(auth).fault('delete-session', {
      kind: 'off-spec',
      why: 'a success flag that is not a boolean',
      status: 200,
      body,
      contentType: 'application/json',
    });
    const { client } = facadeClient(auth, { maxRetries: 0 });

    const error = await client.deleteSession(SESSION_ID).catch((reason: unknown) => reason);

    contract.done();
    expect(error).toBeInstanceOf(TmdbResponseError);
    expect((error as Error).message).toMatch(/`success` is (missing|a (string|number), not a boolean)/);
  });

  it('makes any other operation fail with TmdbResponseError when it is not a boolean', async () => {
    const contract = new ContractMock(auth).fault('validate-key', {
      kind: 'off-spec',
      why: 'a success flag that is a string',
      status: 200,
      body: { success: 'yes', status_code: 1, status_message: 'Success.' },
      contentType: 'application/json',
    });
    const { client } = facadeClient(auth, { maxRetries: 0 });

    const error = await client.validateKey().catch((reason: unknown) => reason);

    contract.done();
    expect(error).toBeInstanceOf(TmdbResponseError);
  });
});
