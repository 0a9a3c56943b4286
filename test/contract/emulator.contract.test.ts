import { isAxiosError, type AxiosResponse } from 'axios';
import { AuthenticationApi, Configuration } from 'tmdb-auth-client/generated';
import { AuthApi, Configuration as V4Configuration } from 'tmdb-auth-client/generated/v4';
import {
  EMULATOR_ACCESS_TOKEN,
  EMULATOR_API_KEY,
  EMULATOR_USER,
  type TmdbEmulator,
  type TmdbEmulatorFault,
} from 'tmdb-auth-client/testing';
import { closeEmulatorAfterEach, startEmulator } from '../helpers/emulator';
import { missingDocumentedFields } from './helpers/documented-fields';
import { jsonMedia, specOf, specOperations, specResponseFor, type SpecOperation } from './helpers/spec';
import { GENERATED_CASES, V4_ACCESS_TOKEN, type GeneratedApis } from './operation-cases';

// The emulator (tmdb-auth-client/testing) writes TMDb's answers by hand, and the client reads them by name: every
// field the spec documents for an answer must be in the emulator's, for v3 and v4, success and error alike. A field
// renamed in the spec (as TMDb renaming it would be written down) is then missing from the emulator's answer here,
// even where the facade never reads it (v4's `status_code` and `status_message`, the error body's `success`).

closeEmulatorAfterEach();

/** Both generated clients, aimed at the emulator's API roots, with the credential its operations take. */
function apisOn(emulator: TmdbEmulator, credential: { apiKey: string; accessToken: string }): GeneratedApis {
  return {
    v3: new AuthenticationApi(new Configuration({ apiKey: credential.apiKey }), emulator.baseUrl),
    v4: new AuthApi(new V4Configuration({ accessToken: credential.accessToken }), emulator.v4BaseUrl),
  };
}

const ACCEPTED = { apiKey: EMULATOR_API_KEY, accessToken: EMULATOR_ACCESS_TOKEN };
const REFUSED = { apiKey: 'f0000000000000000000000000000000', accessToken: V4_ACCESS_TOKEN };
const LOGIN = { username: EMULATOR_USER.username, password: EMULATOR_USER.password };

type SuccessFlow = (apis: GeneratedApis, emulator: TmdbEmulator) => Promise<AxiosResponse<unknown>>;

/** An approved v3 request token, from the emulator. */
async function approvedRequestToken({ v3 }: GeneratedApis, emulator: TmdbEmulator): Promise<string> {
  const token = (await v3.getNewAuthenticationToken()).data.request_token;
  emulator.approve(token);
  return token;
}

/** A v4 user access token, from the emulator's whole flow. */
async function v4AccessToken({ v4 }: GeneratedApis, emulator: TmdbEmulator): Promise<string> {
  const token = (await v4.authCreateRequestToken()).data.request_token;
  emulator.approve(token);
  return (await v4.authCreateAccessToken({ accessTokenRequest: { request_token: token } })).data.access_token;
}

/** How each spec operation gets its documented success from the emulator (the steps before it included). */
const SUCCESS_FLOWS: Readonly<Record<string, SuccessFlow>> = {
  'get-new-authentication-token': ({ v3 }) => v3.getNewAuthenticationToken(),
  'get-validate-authentication-token-with-login': async (apis) =>
    apis.v3.getValidateAuthenticationTokenWithLogin({
      ...LOGIN,
      requestToken: (await apis.v3.getNewAuthenticationToken()).data.request_token,
    }),
  'validate-request-token-with-login': async (apis) =>
    apis.v3.validateRequestTokenWithLogin({
      validateWithLoginRequest: {
        ...LOGIN,
        request_token: (await apis.v3.getNewAuthenticationToken()).data.request_token,
      },
    }),
  'get-new-authentication-session': async (apis, emulator) =>
    apis.v3.getNewAuthenticationSession({ requestToken: await approvedRequestToken(apis, emulator) }),
  'create-session': async (apis, emulator) =>
    apis.v3.createSession({ createSessionRequest: { request_token: await approvedRequestToken(apis, emulator) } }),
  'get-new-authentication-guest-session': ({ v3 }) => v3.getNewAuthenticationGuestSession(),
  'delete-session': async (apis, emulator) => {
    const created = await apis.v3.createSession({
      createSessionRequest: { request_token: await approvedRequestToken(apis, emulator) },
    });
    return apis.v3.deleteSession({ deleteSessionRequest: { session_id: created.data.session_id } });
  },
  'create-session-from-v4-token': async (apis, emulator) =>
    apis.v3.createSessionFromV4Token({
      createSessionFromV4TokenRequest: { access_token: await v4AccessToken(apis, emulator) },
    }),
  'validate-key': ({ v3 }) => v3.validateKey(),
  'auth-create-request-token': ({ v4 }) => v4.authCreateRequestToken(),
  'auth-create-access-token': async (apis, emulator) => {
    const token = (await apis.v4.authCreateRequestToken()).data.request_token;
    emulator.approve(token);
    return apis.v4.authCreateAccessToken({ accessTokenRequest: { request_token: token } });
  },
  'auth-logout': async (apis, emulator) =>
    apis.v4.authLogout({ deleteAccessTokenRequest: { access_token: await v4AccessToken(apis, emulator) } }),
};

/** The faults every operation documents an answer for (429 and 5XX), and what the emulator answers them with. */
const FAULTS: readonly { answer: string; fault: TmdbEmulatorFault }[] = [
  { answer: 'the rate limit', fault: { type: 'rate-limit', retryAfterSeconds: 1 } },
  { answer: 'a server error', fault: { type: 'server-error', status: 503 } },
];

interface Answer {
  status: number;
  body: unknown;
}

async function answerOf(call: Promise<AxiosResponse<unknown>>): Promise<Answer> {
  try {
    const { status, data } = await call;
    return { status, body: data };
  } catch (error) {
    if (isAxiosError(error) && error.response) return { status: error.response.status, body: error.response.data };
    throw error;
  }
}

/** The documented fields `answer` lacks, or why it has none to compare (a status the spec does not document). */
function missingFields(operation: SpecOperation, answer: Answer): string[] {
  const schema = jsonMedia(specResponseFor(operation, answer.status)?.response.content)?.schema;
  if (!schema) return [`(HTTP ${answer.status} is no answer with a body the spec documents for it)`];
  return missingDocumentedFields(specOf(operation).document, schema, answer.body);
}

const operations = specOperations().map((operation) => [operation.operationId, operation] as const);

describe("the emulator's answers against the spec", () => {
  it('has a success flow for every operation in the spec', () => {
    expect(operations.map(([id]) => id).filter((id) => !(id in SUCCESS_FLOWS))).toEqual([]);
  });

  describe.each(operations)('%s', (operationId, operation) => {
    it('carries every documented field in its success, refused-credential, rate-limit and server-error answers', async () => {
      const emulator = await startEmulator();
      const accepted = apisOn(emulator, ACCEPTED);
      const flow = SUCCESS_FLOWS[operationId];
      if (!flow) throw new Error(`No success flow for ${operationId}: add one to SUCCESS_FLOWS`);
      const call = GENERATED_CASES[operationId]?.call;
      if (!call) throw new Error(`No contract case for ${operationId}: add one to operation-cases.ts`);

      const answers: Record<string, Answer> = {
        success: await answerOf(flow(accepted, emulator)),
        'a refused credential': await answerOf(call(apisOn(emulator, REFUSED))),
      };
      for (const { answer, fault } of FAULTS) {
        emulator.inject(fault, { route: operationId });
        answers[answer] = await answerOf(call(accepted));
      }

      expect(Object.values(answers).map((answer) => answer.status)).toEqual([200, 401, 429, 503]);
      const missing = Object.fromEntries(
        Object.entries(answers).map(([name, answer]) => [name, missingFields(operation, answer)]),
      );
      expect(missing).toEqual({
        success: [],
        'a refused credential': [],
        'the rate limit': [],
        'a server error': [],
      });
    });
  });
});
