import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep as defaultSleep } from '../internal/abortable-wait';
import { approvalPage } from './approval-page';
import { AuthStore } from './auth-store';
import type { EmulatorRequestRecord } from './emulator-request-record';
import { resolveEmulatorOptions, type TmdbEmulatorOptions } from './emulator-options';
import { FaultQueue, type FaultScope, type TmdbEmulatorFault } from './faults';
import { capConnections, RequestLimiter } from './limits';
import { bodyInput, queryInput, readBody, safeDecode } from './http-input';
import { createOperationHandlers, type OperationId, type Reply } from './operation-handlers';
import { loadSpecOperations, type SpecOperation } from './spec-document';
import { SpecValidator } from './spec-validator';
import { SERVER_ERROR_CODES, tmdbStatus } from './tmdb-status-body';
import { setMaxListeners } from 'node:events';

/** A request, or an answer, that does not conform to `spec/tmdb-auth.yaml`. */
export interface SpecViolation {
  direction: 'request' | 'response';
  method: string;
  path: string;
  operationId: string | undefined;
  /** What is wrong, by field and rule; never a value. */
  problems: string[];
}

/** A running emulator. */
export interface TmdbEmulator {
  /** The API root, `http://127.0.0.1:<port>/3`: pass it as the client's `baseUrl`. */
  readonly baseUrl: string;
  /** The origin that serves the approval page: pass it as the client's `approvalBaseUrl`. */
  readonly approvalBaseUrl: string;
  readonly port: number;
  /** Every request received so far, oldest first. */
  readonly requests: readonly EmulatorRequestRecord[];
  /** Every request (or answer) so far that broke the spec; assert it is empty at the end of a test. */
  readonly violations: readonly SpecViolation[];
  /** Connections closed at once because `maxConnections` were open. */
  readonly refusedConnections: number;
  /**
   * Approves a request token, as the user would on the approval page.
   * @throws {Error} when the token is unknown, expired or already used.
   */
  approve(requestToken: string): void;
  /** Whether a user session exists (created and not deleted). */
  hasSession(sessionId: string): boolean;
  /** Whether a guest session exists and has not expired. */
  hasGuestSession(guestSessionId: string): boolean;
  /**
   * Makes the next matching request fail (or wait).
   * @example
   * emulator.inject({ type: 'rate-limit', retryAfterSeconds: 1 }, { route: 'create-session' });
   * emulator.inject({ type: 'server-error', status: 503 }, { times: 2 });
   */
  inject(fault: TmdbEmulatorFault, scope?: FaultScope): void;
  /** Drops every fault not used yet. */
  clearFaults(): void;
  /** Stops the server and ends open connections. */
  close(): Promise<void>;
}

const API_ROOT = '/3';

/**
 * Starts an emulator of TMDb's v3 authentication API on 127.0.0.1: request tokens that expire and must be
 * approved, `validate_with_login`, sessions, guest sessions, API key checks, TMDb's error bodies, and fault
 * injection. Every request is checked against the package's OpenAPI spec.
 *
 * A session request with a token the user has not approved gets TMDb's historical answer, 401 with code 17
 * ("Session denied."); set `unapprovedTokenCode` to 41 (422) or 33 (401) to test the other answers TMDb has sent.
 *
 * @example
 * const emulator = await startTmdbEmulator();
 * const tmdb = new TmdbAuthClient({
 *   apiKey: EMULATOR_API_KEY,
 *   baseUrl: emulator.baseUrl,
 *   approvalBaseUrl: emulator.approvalBaseUrl,
 * });
 * const token = await tmdb.createRequestToken();
 * emulator.approve(token.requestToken);
 * const { sessionId } = await tmdb.createSession(token);
 * await emulator.close();
 */
export async function startTmdbEmulator(options?: TmdbEmulatorOptions): Promise<TmdbEmulator> {
  const settings = resolveEmulatorOptions(options);
  const operations = loadSpecOperations();
  const validator = new SpecValidator(operations);
  const store = new AuthStore(settings.now, {
    requestTokenMs: settings.requestTokenLifetimeMs,
    guestSessionMs: settings.guestSessionLifetimeMs,
  });
  const handlers = createOperationHandlers(store, settings);
  const missing = operations.filter((operation) => !(operation.operationId in handlers));
  if (missing.length > 0) {
    throw new Error(`The emulator has no behaviour for ${missing.map((o) => o.operationId).join(', ')}.`);
  }
  const faults = new FaultQueue();
  const requests: EmulatorRequestRecord[] = [];
  const violations: SpecViolation[] = [];
  const closing = new AbortController();
  // Every request held by a latency fault waits on this one signal, and each removes its listener when done; more
  // than ten at once is load, not a leak.
  setMaxListeners(Number.POSITIVE_INFINITY, closing.signal);
  const sleep = settings.sleep ?? defaultSleep;
  const limiter = options?.rateLimit ? new RequestLimiter(options.rateLimit, settings.now) : undefined;

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      // Only a bug gets here; the connection must not hang either way.
      if (!res.headersSent) send(res, 500, tmdbStatus(11).body);
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const bodyText = await readBody(req);
    const record = (
      path: string,
      operationId: string | undefined,
      status: number | undefined,
      fault?: TmdbEmulatorFault['type'],
    ) => {
      const entry = { method, path, operationId, status, fault };
      requests.push(entry);
      settings.onRequest?.(entry);
    };

    const approval = /^\/authenticate\/([^/]+)$/.exec(url.pathname);
    if (approval && method === 'GET') {
      const reply = approvalPage(store, safeDecode(approval[1] as string), url.searchParams.get('redirect_to'));
      record('/authenticate/{request_token}', undefined, reply.status);
      res.writeHead(reply.status, { ...reply.headers, 'content-type': 'text/html; charset=utf-8', date: httpDate() });
      res.end(reply.html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404, { date: httpDate() }).end();
      return;
    }

    const specPath = url.pathname.startsWith(`${API_ROOT}/`) ? url.pathname.slice(API_ROOT.length) : undefined;
    const operation = operations.find((o) => o.method === method && o.path === specPath);
    if (!operation) {
      violations.push({
        direction: 'request',
        method,
        path: url.pathname,
        operationId: undefined,
        problems: [`the spec has no operation ${method} ${specPath ?? url.pathname} under ${API_ROOT}`],
      });
      record(url.pathname, undefined, 404);
      send(res, 404, tmdbStatus(34).body);
      return;
    }

    // Checked before any fault: a fault stands for something in front of TMDb, and the request must conform anyway.
    const requestProblems = validator.checkRequest(operation, {
      query: url.searchParams,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      bodyText,
    });
    if (requestProblems.length > 0) {
      violations.push({
        direction: 'request',
        method,
        path: url.pathname,
        operationId: operation.operationId,
        problems: requestProblems,
      });
    }

    // The rate limit stands in front of everything else, as TMDb's CDN does.
    const fault =
      limiter?.check(req.socket.remoteAddress ?? '') ?? faults.take(operation.operationId, method, operation.path);
    if (fault?.type === 'latency') {
      try {
        await sleep(fault.ms, closing.signal);
      } catch {
        res.destroy();
        return;
      }
    } else if (fault?.type === 'connection-reset') {
      record(url.pathname, operation.operationId, undefined, fault.type);
      req.socket.resetAndDestroy();
      return;
    }

    const reply =
      faultReply(fault) ?? answer(operation, url.searchParams, req.headers.authorization, bodyText, requestProblems);
    const problems = validator.checkResponse(operation, reply.status, reply.body);
    if (problems.length > 0) {
      violations.push({
        direction: 'response',
        method,
        path: url.pathname,
        operationId: operation.operationId,
        problems,
      });
    }
    record(url.pathname, operation.operationId, reply.status, fault?.type);
    const retryAfter = fault?.type === 'rate-limit' ? fault.retryAfterSeconds : undefined;
    send(res, reply.status, reply.body, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
  }

  function answer(
    operation: SpecOperation,
    query: URLSearchParams,
    authorization: string | undefined,
    bodyText: string,
    problems: readonly string[],
  ): Reply {
    if (!authorized(query.get('api_key'), authorization)) return tmdbStatus(7);
    const input = operation.requestBody ? bodyInput(bodyText) : queryInput(query);
    if (problems.length > 0) {
      const isLogin = operation.path === '/authentication/token/validate_with_login';
      return tmdbStatus(isLogin && (!input.get('username') || !input.get('password')) ? 26 : 5);
    }
    return handlers[operation.operationId as OperationId](input);
  }

  function authorized(apiKey: string | null, authorization: string | undefined): boolean {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    return (
      (apiKey !== null && settings.apiKeys.has(apiKey)) || (bearer !== undefined && settings.accessTokens.has(bearer))
    );
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', date: httpDate(), ...headers });
    res.end(JSON.stringify(body));
  }

  // The facade rebases `expires_at` on the Date header, so it must come from the same clock as the expiry.
  function httpDate(): string {
    return new Date(settings.now()).toUTCString();
  }

  const refused = options?.maxConnections === undefined ? () => 0 : capConnections(server, options.maxConnections);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${API_ROOT}`,
    approvalBaseUrl: origin,
    port,
    requests,
    violations,
    get refusedConnections() {
      return refused();
    },
    approve(requestToken) {
      if (!store.approve(requestToken)) {
        throw new Error('approve(): no live request token with that value (never issued, expired or already used).');
      }
    },
    hasSession: (sessionId) => store.hasSession(sessionId),
    hasGuestSession: (guestSessionId) => store.hasGuestSession(guestSessionId),
    inject: (fault, scope) => faults.add(fault, scope),
    clearFaults: () => faults.clear(),
    async close() {
      closing.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function faultReply(fault: TmdbEmulatorFault | undefined): Reply | undefined {
  if (fault?.type === 'rate-limit') return tmdbStatus(25);
  if (fault?.type === 'server-error') {
    const status = fault.status ?? 503;
    return { status, body: tmdbStatus(SERVER_ERROR_CODES[status]).body };
  }
  return undefined;
}
