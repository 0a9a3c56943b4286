// The one module that talks to generated/ and to axios. It turns a facade operation into a generated-client
// call and whatever comes back (an answer, an AxiosError) into the facade's own wire types, so that no raw
// AxiosError, with the request config and credentials inside it, can travel further.
import {
  isAxiosError,
  type AxiosError,
  type AxiosInstance,
  type AxiosResponse,
  type RawAxiosRequestConfig,
} from 'axios';
import { AuthenticationApi, Configuration } from '../../generated';
import { AuthApi, Configuration as V4Configuration } from '../../generated/v4';
import { createDefaultAxios } from './default-axios';
import {
  generatedMethodName,
  type GeneratedMethodName,
  type Operations,
  OPERATIONS,
  type TmdbApiVersion,
  type TmdbOperation,
  type TmdbOperationName,
} from './operations';
import type { FailureCause, TmdbTransport, WireFailure, WireOutcome, WireResponse } from './transport-types';

export interface TransportSettings {
  baseUrl: string;
  /** The v4 API root; without it (or without `accessToken`) the facade refuses v4 calls before sending. */
  v4BaseUrl: string | undefined;
  apiKey: string | undefined;
  accessToken: string | undefined;
  axios: AxiosInstance | undefined;
  /** The default agents' socket cap (the rate gate's `maxConcurrency`); Node only, see default-axios.ts. */
  maxSockets?: number | undefined;
}

export function createTmdbTransport(settings: TransportSettings): TmdbTransport {
  const configuration = new Configuration({
    apiKey: settings.apiKey,
    accessToken: settings.accessToken,
    basePath: settings.baseUrl,
  });
  const instance = settings.axios ?? createDefaultAxios({ maxSockets: settings.maxSockets });
  // One axios instance for both roots: the same sockets, interceptors and proxy settings. v4 takes no api_key, and
  // its Bearer is the app's read access token.
  const apis: GeneratedApis = {
    v3: new AuthenticationApi(configuration, settings.baseUrl, instance),
    v4:
      settings.v4BaseUrl === undefined || settings.accessToken === undefined
        ? undefined
        : new AuthApi(
            new V4Configuration({ accessToken: settings.accessToken, basePath: settings.v4BaseUrl }),
            settings.v4BaseUrl,
            instance,
          ),
  };

  return {
    async send(operation, { signal, timeoutMs }) {
      // axios's own timeout (a wall-clock limit to the response headers, then socket inactivity) costs less per
      // call than an AbortController and a timer of ours, and a signal is passed only when the caller has one.
      const options: RawAxiosRequestConfig = { timeout: timeoutMs };
      if (signal) options.signal = signal;
      try {
        return toOutcome(await call(apis, operation, options));
      } catch (error) {
        if (!isAxiosError(error)) throw error;
        if (error.response) return toOutcome(error.response, causeOf(error));
        return { ok: false, failure: toWireFailure(error) };
      }
    },
  };
}

/** The generated API class of each API root. */
interface GeneratedApiClasses {
  v3: AuthenticationApi;
  v4: AuthApi;
}
type GeneratedApis = { v3: AuthenticationApi; v4: AuthApi | undefined };

// Proof, at compile time, that every entry of the operation table names a method the generated client of its API
// root has and builds the parameters that method takes: a regeneration that renames either fails the type-check here.
type GeneratedParameters<Api, M> = M extends keyof Api
  ? Api[M] extends (parameters: infer P, options?: RawAxiosRequestConfig) => unknown
    ? P
    : never
  : never;
// The names of the entries that do not match; the assignment below fails naming them. (A union of `true` and
// names would accept `true` whatever the names, so the check is on the names alone.)
type MismatchedOperations = {
  [N in TmdbOperationName]: ReturnType<Operations[N]['request']> extends GeneratedParameters<
    GeneratedApiClasses[Operations[N]['api']],
    GeneratedMethodName<Operations[N]['operationId']>
  >
    ? never
    : N;
}[TmdbOperationName];
const tableMatchesGeneratedClient: [MismatchedOperations] extends [never] ? true : MismatchedOperations = true;
void tableMatchesGeneratedClient;

type GeneratedCall = (this: GeneratedApiClasses[TmdbApiVersion], ...args: unknown[]) => Promise<AxiosResponse>;

function call(apis: GeneratedApis, operation: TmdbOperation, options: RawAxiosRequestConfig): Promise<AxiosResponse> {
  const definition = OPERATIONS[operation.name];
  const api = apis[definition.api];
  // The facade checks `accessToken` and `v4BaseUrl` before a v4 call; getting here without them is a bug.
  if (!api) throw new Error(`No ${definition.api} API is configured for ${operation.name}.`);
  const send = (api as unknown as Record<string, GeneratedCall>)[
    generatedMethodName(definition.operationId)
  ] as GeneratedCall;
  const parameters = (definition.request as (args: unknown) => object | undefined)(operation.args);
  return parameters === undefined ? send.call(api, options) : send.call(api, parameters, options);
}

function toOutcome(response: AxiosResponse, cause?: FailureCause): WireOutcome {
  const wire: WireResponse = { status: response.status, headers: plainHeaders(response.headers), body: response.data };
  // A caller-supplied axios instance may accept any status; the facade still treats only 2xx as success.
  return wire.status >= 200 && wire.status < 300
    ? { ok: true, response: wire }
    : { ok: false, failure: { kind: 'http', response: wire, cause } };
}

// The facade reads only these; copying every header of every answer would be work for nothing.
const HEADERS_READ = ['date', 'retry-after', 'retry-after-ms'] as const;

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string | undefined> {
  const plain: Record<string, string | undefined> = {};
  for (const name of HEADERS_READ) {
    const value: unknown = headers?.[name];
    if (value !== undefined && value !== null) plain[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return plain;
}

function toWireFailure(error: AxiosError): WireFailure {
  if (error.code === 'ERR_CANCELED') return { kind: 'cancelled' };
  // A caller-supplied instance may not clarify timeouts; its timeout error still says so.
  if (error.code === 'ETIMEDOUT' || (error.code === 'ECONNABORTED' && /timeout/i.test(error.message))) {
    return { kind: 'timeout', cause: causeOf(error) };
  }
  const system = error.cause as NodeJS.ErrnoException | undefined;
  const systemCode = system?.code ?? (error.code && /^E[A-Z]+$/.test(error.code) ? error.code : undefined);
  return { kind: 'network', systemCode, message: system?.message ?? error.message, cause: causeOf(error) };
}

// Only these three fields leave: the AxiosError itself holds the request config, headers and URL with credentials.
function causeOf(error: AxiosError): FailureCause {
  return { name: error.name, code: error.code, message: error.message };
}
