// The one module that talks to generated/ and to axios. It turns a facade operation into a generated-client
// call and whatever comes back (an answer, an AxiosError) into the facade's own wire types, so that no raw
// AxiosError, with the request config and credentials inside it, can travel further.
import axios, {
  isAxiosError,
  type AxiosError,
  type AxiosInstance,
  type AxiosResponse,
  type RawAxiosRequestConfig,
} from 'axios';
import http from 'node:http';
import https from 'node:https';
import { AuthenticationApi, Configuration } from '../../generated';
import { OPERATIONS, type Operations, type TmdbOperation, type TmdbOperationName } from './operations';
import type { FailureCause, TmdbTransport, WireFailure, WireOutcome, WireResponse } from './transport-types';

export interface TransportSettings {
  baseUrl: string;
  apiKey: string | undefined;
  accessToken: string | undefined;
  axios: AxiosInstance | undefined;
  /** The default agents' socket cap (the rate gate's `maxConcurrency`). */
  maxSockets?: number | undefined;
}

/**
 * The axios instance used when the caller brings none: keep-alive sockets, and no redirect-following layer
 * (TMDb's auth endpoints never redirect, and following one could send credentials to another host).
 */
export function createDefaultAxios(settings: { maxSockets?: number | undefined } = {}): AxiosInstance {
  // TMDb's CDN takes about 20 connections per IP: a burst past the cap queues in the agent instead of being refused.
  const agent = { keepAlive: true, ...(settings.maxSockets === undefined ? {} : { maxSockets: settings.maxSockets }) };
  return axios.create({
    maxRedirects: 0,
    httpAgent: new http.Agent(agent),
    httpsAgent: new https.Agent(agent),
    // Report axios's own timeout as ETIMEDOUT rather than the ECONNABORTED it shares with other aborts.
    transitional: { clarifyTimeoutError: true },
    // axios reads the proxy variables from the environment on every request; when none is set, saying so once
    // here saves that work per call. When one is set, axios keeps honouring it.
    ...(PROXY_VARIABLES.some((name) => process.env[name]) ? {} : { proxy: false as const }),
  });
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];

export function createTmdbTransport(settings: TransportSettings): TmdbTransport {
  const configuration = new Configuration({
    apiKey: settings.apiKey,
    accessToken: settings.accessToken,
    basePath: settings.baseUrl,
  });
  const api = new AuthenticationApi(
    configuration,
    settings.baseUrl,
    settings.axios ?? createDefaultAxios({ maxSockets: settings.maxSockets }),
  );

  return {
    async send(operation, { signal, timeoutMs }) {
      // axios's own timeout (a wall-clock limit to the response headers, then socket inactivity) costs less per
      // call than an AbortController and a timer of ours, and a signal is passed only when the caller has one.
      const options: RawAxiosRequestConfig = { timeout: timeoutMs };
      if (signal) options.signal = signal;
      try {
        return toOutcome(await call(api, operation, options));
      } catch (error) {
        if (!isAxiosError(error)) throw error;
        if (error.response) return toOutcome(error.response, causeOf(error));
        return { ok: false, failure: toWireFailure(error) };
      }
    },
  };
}

// Proof, at compile time, that every entry of the operation table names a method the generated client has and
// builds the parameters that method takes: a regeneration that renames either fails the type-check here.
type GeneratedParameters<M> = M extends keyof AuthenticationApi
  ? AuthenticationApi[M] extends (parameters: infer P, options?: RawAxiosRequestConfig) => unknown
    ? P
    : never
  : never;
type TableMatchesGeneratedClient = {
  [N in TmdbOperationName]: ReturnType<Operations[N]['request']> extends GeneratedParameters<
    Operations[N]['generatedMethod']
  >
    ? true
    : N;
}[TmdbOperationName];
const tableMatchesGeneratedClient: TableMatchesGeneratedClient = true;
void tableMatchesGeneratedClient;

type GeneratedCall = (this: AuthenticationApi, ...args: unknown[]) => Promise<AxiosResponse>;

function call(
  api: AuthenticationApi,
  operation: TmdbOperation,
  options: RawAxiosRequestConfig,
): Promise<AxiosResponse> {
  const definition = OPERATIONS[operation.name];
  const send = api[definition.generatedMethod] as GeneratedCall;
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
