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
import type {
  DefaultAxiosSettings,
  FailureCause,
  TmdbTransport,
  WireFailure,
  WireOutcome,
  WireResponse,
} from './transport-types';

export interface TransportSettings {
  baseUrl: string;
  /** The v4 API root; without it (or without `accessToken`) the facade refuses v4 calls before sending. */
  v4BaseUrl: string | undefined;
  apiKey: string | undefined;
  accessToken: string | undefined;
  axios: AxiosInstance | undefined;
  /** The default agents' socket cap (the rate gate's `maxConcurrency`); Node only, see default-axios.ts. */
  maxSockets?: number | undefined;
  /** The largest answer read, in decoded bytes; -1 for no limit. */
  maxResponseBytes: number;
  /** The rate gate; one shared by several processes gets no keep-alive from the default agents. */
  gate?: DefaultAxiosSettings['gate'];
}

export function createTmdbTransport(settings: TransportSettings): TmdbTransport {
  const configuration = new Configuration({
    apiKey: settings.apiKey,
    accessToken: settings.accessToken,
    basePath: settings.baseUrl,
  });
  const instance = settings.axios ?? createDefaultAxios(settings);
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

  // Per request, so that they hold whatever instance the caller brought: its own defaults lose to these.
  const perRequest: RawAxiosRequestConfig = {
    // The attempt's signal bounds the whole exchange, body included (axios's `timeout` stops at the headers on
    // Node, then only watches for an idle socket); 0 keeps an instance's own timeout from racing it.
    timeout: 0,
    // Counted by axios on the decoded body (after gzip, deflate, br), as it arrives, on Node and with fetch.
    maxContentLength: settings.maxResponseBytes,
    // TMDb's API never redirects: following one could carry credentials, or a password in the body, elsewhere.
    // With 0 the Node adapter uses plain node:http and fetch is asked for `redirect: 'manual'`; the guard stops
    // an interceptor that turns following back on.
    maxRedirects: 0,
    beforeRedirect: refuseRedirect,
  };

  return {
    async send(operation, { signal }) {
      const options: RawAxiosRequestConfig = { ...perRequest, signal };
      try {
        return toOutcome(await call(apis, operation, options));
      } catch (error) {
        const refused = redirectRefusal(error);
        if (refused) return redirectOutcome(refused);
        if (!isAxiosError(error)) throw error;
        const tooLarge = tooLargeFailure(error, settings.maxResponseBytes);
        if (tooLarge) return { ok: false, failure: tooLarge };
        // axios hands back the response of an answer whose body broke off, without its data: that is a failure
        // on the wire, not an empty answer.
        if (error.response && error.response.data !== undefined) return toOutcome(error.response, causeOf(error));
        return { ok: false, failure: toWireFailure(error) };
      }
    },
  };
}

/** What `beforeRedirect` throws, so that no redirect is followed even if something turned following back on. */
class RedirectRefused extends Error {
  constructor(
    readonly status: number,
    readonly locationHost: string | undefined,
  ) {
    super(`refused to follow a redirect (HTTP ${status}) to ${locationHost ?? 'an unknown host'}`);
  }
}

function refuseRedirect(options: Record<string, unknown>, responseDetails: { statusCode?: number }): void {
  const host = typeof options['host'] === 'string' ? options['host'] : undefined;
  throw new RedirectRefused(responseDetails.statusCode ?? 0, host);
}

// follow-redirects wraps what beforeRedirect throws, and axios wraps that: look a few causes down.
function redirectRefusal(error: unknown): RedirectRefused | undefined {
  let current = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof RedirectRefused) return current;
    current = current.cause;
  }
  return undefined;
}

function redirectOutcome(refused: RedirectRefused): WireOutcome {
  return {
    ok: false,
    failure: {
      kind: 'http',
      response: { status: refused.status, headers: {}, body: undefined, locationHost: refused.locationHost },
    },
  };
}

// axios's own words for its size limit, on Node and with fetch; its code alone (ERR_BAD_RESPONSE) is shared
// with other failures.
function tooLargeFailure(error: AxiosError, limitBytes: number): WireFailure | undefined {
  if (error.code !== 'ERR_BAD_RESPONSE' || !error.message.startsWith('maxContentLength size of')) return undefined;
  // node:http's request keeps the response it got; fetch's Request does not.
  const res = (error.request as { res?: { statusCode?: unknown } } | undefined)?.res;
  const status = typeof res?.statusCode === 'number' ? res.statusCode : undefined;
  return { kind: 'too-large', limitBytes, status };
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
  if (wire.status >= 300 && wire.status < 400) wire.locationHost = locationHost(response);
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

/** The host a redirect points at, resolved against the request's URL; nothing of its path or query. */
function locationHost(response: AxiosResponse): string | undefined {
  const location: unknown = response.headers?.['location'];
  if (typeof location !== 'string' || location === '') return undefined;
  try {
    const base = typeof response.config?.baseURL === 'string' ? response.config.baseURL : undefined;
    const requestUrl = typeof response.config?.url === 'string' ? new URL(response.config.url, base) : undefined;
    return new URL(location, requestUrl).host || undefined;
  } catch {
    return undefined;
  }
}

function toWireFailure(error: AxiosError): WireFailure {
  if (error.code === 'ERR_CANCELED') return { kind: 'cancelled' };
  // A caller-supplied instance may not clarify timeouts; its timeout error still says so.
  if (error.code === 'ETIMEDOUT' || (error.code === 'ECONNABORTED' && /timeout/i.test(error.message))) {
    return { kind: 'timeout', cause: causeOf(error) };
  }
  const system = error.cause as NodeJS.ErrnoException | undefined;
  const systemCode = system?.code ?? (error.code && /^E[A-Z]+$/.test(error.code) ? error.code : undefined);
  return {
    kind: 'network',
    systemCode,
    message: system?.message ?? error.message,
    // Headers came, then the body broke off (a closed connection): said as such, not as an empty body.
    statusBeforeBreak: error.response?.status,
    cause: causeOf(error),
  };
}

// Only these three fields leave: the AxiosError itself holds the request config, headers and URL with credentials.
function causeOf(error: AxiosError): FailureCause {
  return { name: error.name, code: error.code, message: error.message };
}
