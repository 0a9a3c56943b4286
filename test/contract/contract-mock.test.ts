import axios from 'axios';
import { ContractMock } from './helpers/contract-mock';
import { SPEC_BASE_URL } from './helpers/spec';
import { ACCESS_TOKEN, API_KEY, REQUEST_TOKEN } from './operation-cases';

// The referee itself: these prove that a fixture or a request that breaks the spec fails the test using it.
const http = axios.create({ baseURL: SPEC_BASE_URL, validateStatus: () => true });
const withKey = { params: { api_key: API_KEY } };

describe('the contract mock', () => {
  it('refuses a fixture that does not match the schema for its operation and status, with the schema error', () => {
    const contract = new ContractMock({ apiKey: API_KEY });

    expect(() => contract.reply('create-session', 200, { body: { success: true, session: 'renamed' } })).toThrow(
      /create-session HTTP 200[\s\S]*must have required property 'session_id'/,
    );
  });

  it('refuses a fixture with a field of the wrong type', () => {
    const contract = new ContractMock({ apiKey: API_KEY });

    expect(() =>
      contract.reply('validate-key', 200, { body: { success: true, status_code: '1', status_message: 'Success.' } }),
    ).toThrow(/\/status_code must be integer/);
  });

  it('refuses a status the operation does not document', () => {
    expect(() => new ContractMock({ apiKey: API_KEY }).reply('validate-key', 422)).toThrow(
      /validate-key documents no response for HTTP 422/,
    );
  });

  it('serves the example of a status range (5XX) for a status in it', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('validate-key', 503);

    const response = await http.get('/authentication', withKey);

    contract.done();
    expect(response.status).toBe(503);
    expect(response.data).toEqual(expect.objectContaining({ status_code: 9 }));
  });

  it('serves the spec example when the test gives no body', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('validate-key', 200);

    const response = await http.get('/authentication', withKey);

    contract.done();
    expect(response.data).toEqual({ success: true, status_code: 1, status_message: 'Success.' });
  });

  it('fails done() when a required query parameter is missing', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('get-new-authentication-session', 200);

    await http.get('/authentication/session/new', withKey);

    expect(() => contract.done()).toThrow(/required query parameter `request_token` is missing/);
  });

  it('fails done() when a query parameter is not in the spec', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('validate-key', 200);

    await http.get('/authentication', { params: { ...withKey.params, session_id: 'leak' } });

    expect(() => contract.done()).toThrow(/query parameter `session_id` is not in the spec/);
  });

  it('fails done() when the request body breaks its schema', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('create-session', 200);

    await http.post('/authentication/session/new', { token: REQUEST_TOKEN }, withKey);

    expect(() => contract.done()).toThrow(/request body: \(root\) must have required property 'request_token'/);
  });

  it('fails done() when a required request body is missing', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('delete-session', 200);

    await http.delete('/authentication/session', withKey);

    expect(() => contract.done()).toThrow(/the required request body is missing/);
  });

  it('fails done() when the request carries no credentials', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('validate-key', 200);

    await http.get('/authentication');

    expect(() => contract.done()).toThrow(/carries no credentials the spec accepts \(api_key or bearer\)/);
  });

  it('fails done() when an API key is sent as a Bearer token', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('validate-key', 200);

    await http.get('/authentication', { headers: { Authorization: `Bearer ${API_KEY}` } });

    expect(() => contract.done()).toThrow(/`api_key` is not the configured API key/);
  });

  it('fails done() when an access token is configured and an api_key is sent as well', async () => {
    const contract = new ContractMock({ accessToken: ACCESS_TOKEN }).reply('validate-key', 200);

    await http.get('/authentication', { ...withKey, headers: { Authorization: `Bearer ${ACCESS_TOKEN}` } });

    expect(() => contract.done()).toThrow(/sends `api_key` although an access token is configured/);
  });

  it('fails done() when the method is not the one the spec gives the path', async () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('delete-session', 200);

    await http.post('/authentication/session', { session_id: 'x1234567' }, withKey).catch(() => undefined);

    expect(() => contract.done()).toThrow(/POST .*\/authentication\/session.*: matches no operation in the spec/);
  });

  it('fails done() when an expected attempt never came', () => {
    const contract = new ContractMock({ apiKey: API_KEY }).reply('validate-key', 200);

    expect(() => contract.done()).toThrow(/Mocks not yet satisfied/);
  });

  it('refuses an "off-spec" fault whose body actually matches the spec', () => {
    const contract = new ContractMock({ apiKey: API_KEY });

    expect(() =>
      contract.fault('create-session', {
        kind: 'off-spec',
        why: 'not really',
        status: 200,
        body: { success: true, session_id: 'abcdef123456' },
        contentType: 'application/json',
      }),
    ).toThrow(/matches the spec: it is no fault/);
  });
});
