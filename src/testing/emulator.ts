import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep as defaultSleep } from '../internal/abort';
import { approvalPage, approvalRequest } from './approval-page';
import { answerPreflight, CORS_HEADERS } from './cors';
import { AuthStore } from './auth-store';
import { BoundedLog } from './bounded-log';
import type { EmulatorNote, EmulatorRequestRecord } from './emulator-request-record';
import { EMULATOR_USER, resolveEmulatorOptions, type TmdbEmulatorOptions } from './emulator-options';
import { FaultQueue, type FaultScope, type TmdbEmulatorFault } from './faults';
import { capConnections, RequestLimiter } from './limits';
import { bodyInput, queryInput, readBody, safeDecode } from './http-input';
import { loggedName, loggedPath } from './log-masking';
import { createOperationHandlers, type OperationHandler, type Reply } from './operation-handlers';
import { readBuiltSpec, type SpecDocument, type SpecOperation } from './spec-document';
import { SpecValidator, type SpecRequest } from './spec-validator';
import { SERVER_ERROR_CODES, tmdbStatus } from './tmdb-status-body';
import { V4AuthStore } from './v4-auth-store';
import { v4ApprovalPage } from './v4-approval-page';
import { createV4OperationHandlers } from './v4-operation-handlers';
import { accountIdFor } from './v4-tokens';
import { setMaxListeners } from 'node:events';

/** A request, or an answer, that does not conform to `spec/tmdb-auth.yaml` (or, under `/4`, `spec/tmdb-auth-v4.yaml`). */
export interface SpecViolation {
  direction: 'request' | 'response';
  method: string;
  path: string;
  operationId: string | undefined;
  /** What is wrong, by field and rule; never a value (at most 20, the last counting any others). */
  problems: string[];
}

/** A running emulator. */
export interface TmdbEmulator {
  /** The API root, `http://127.0.0.1:<port>/3`: pass it as the client's `baseUrl`. */
  readonly baseUrl: string;
  /** The v4 API root, `http://127.0.0.1:<port>/4` (what the client derives from `baseUrl` by default). */
  readonly v4BaseUrl: string;
  /** The origin that serves the approval pages (v3 and v4): pass it as the client's `approvalBaseUrl`. */
  readonly approvalBaseUrl: string;
  readonly port: number;
  /**
   * Every request received so far, oldest first; past `maxLoggedRequests` (10,000 by default), the newest ones,
   * the rest counted in `droppedRequests`.
   */
  readonly requests: readonly EmulatorRequestRecord[];
  /** Records dropped from `requests`, oldest first, to keep `maxLoggedRequests`. */
  readonly droppedRequests: number;
  /**
   * Every request (or answer) so far that broke the spec; assert it is empty at the end of a test. Bounded like
   * `requests`, the dropped ones counted in `droppedViolations`.
   */
  readonly violations: readonly SpecViolation[];
  /** Violations dropped from `violations`, oldest first, to keep `maxLoggedRequests`. */
  readonly droppedViolations: number;
  /** Connections closed at once because `maxConnections` were open. */
  readonly refusedConnections: number;
  /** The most connections that were open at once (refused ones not counted). */
  readonly peakConnections: number;
  /**
   * Approves a request token, v3 or v4, as `user` would on the approval page (by default the first of the `users`
   * option, `demo`); the session (v3) or access token (v4, whose account id derives from the user's name) created
   * from it belongs to that user (see `sessionUser`).
   * @throws {Error} when the token is unknown, expired or already used.
   */
  approve(requestToken: string, options?: { user?: string | undefined }): void;
  /**
   * Refuses a v3 request token, as the user would by clicking "Deny": a session request with it then gets the
   * answer to an unapproved token (`unapprovedTokenCode`).
   * @throws {Error} when the token is unknown, expired or already used.
   */
  deny(requestToken: string): void;
  /** Whether a v4 user access token exists (issued and not deleted). */
  hasAccessToken(accessToken: string): boolean;
  /** Whether a user session exists (created and not deleted). */
  hasSession(sessionId: string): boolean;
  /**
   * The user a session belongs to: who approved the request token it was made from (or logged in with
   * `validate_with_login`). Undefined for an unknown or deleted session, and for one converted from a v4 token.
   */
  sessionUser(sessionId: string): string | undefined;
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

/** Each API root and the spec document (as built into dist/spec/) it serves. */
const API_ROOTS = [
  { root: '/3', specFile: 'tmdb-auth.json', invalidInputCode: 5 },
  { root: '/4', specFile: 'tmdb-auth-v4.json', invalidInputCode: 47 },
] as const;

interface ApiRoot {
  root: string;
  spec: SpecDocument;
  validator: SpecValidator;
  invalidInputCode: 5 | 47;
}

// Ajv takes a good part of a second to compile a spec's schemas. Emulators started one after another in a process
// (a test suite starts one per test) share each built spec and its validator, which keep nothing of any one run.
const builtSpecs = new Map<string, { spec: SpecDocument; validator: SpecValidator }>();
function builtSpec(specFile: string): { spec: SpecDocument; validator: SpecValidator } {
  let loaded = builtSpecs.get(specFile);
  if (!loaded) {
    const spec = readBuiltSpec(specFile);
    loaded = { spec, validator: new SpecValidator(spec) };
    builtSpecs.set(specFile, loaded);
  }
  return loaded;
}

/**
 * Starts an emulator of TMDb's v3 authentication API on 127.0.0.1: request tokens that expire and must be
 * approved (or denied) by a user, `validate_with_login`, sessions that belong to users, guest sessions, API key
 * checks, TMDb's error bodies, and fault injection. Under `/4` it emulates v4 user authentication too: JWT request
 * tokens (15 minutes), the approval page `/auth/access?request_token=...`, user access tokens (convertible to v3
 * sessions until deleted) and logout. Every request is checked against the package's OpenAPI specs.
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
  const apis: ApiRoot[] = API_ROOTS.map(({ root, specFile, invalidInputCode }) => ({
    root,
    ...builtSpec(specFile),
    invalidInputCode,
  }));
  const operations = apis.flatMap((api) => api.spec.operations);
  const store = new AuthStore(settings.now, {
    requestTokenMs: settings.requestTokenLifetimeMs,
    guestSessionMs: settings.guestSessionLifetimeMs,
  });
  const v4Store = new V4AuthStore(settings.now, settings.v4RequestTokenLifetimeMs);
  // The user already logged in on the approval pages.
  const accountId = accountIdFor(settings.users[0]?.username ?? 'demo');
  const handlers: Record<string, OperationHandler> = {
    ...createOperationHandlers(store, settings, (token) => v4Store.accessTokenState(token)),
    ...createV4OperationHandlers(v4Store, settings),
  };
  const missing = operations.filter((operation) => !(operation.operationId in handlers));
  if (missing.length > 0) {
    throw new Error(`The emulator has no behaviour for ${missing.map((o) => o.operationId).join(', ')}.`);
  }
  const faults = new FaultQueue();
  const requests = new BoundedLog<EmulatorRequestRecord>(settings.maxLoggedRequests);
  const violations = new BoundedLog<SpecViolation>(settings.maxLoggedRequests);
  const closing = new AbortController();
  // Every request held by a latency fault waits on this one signal, and each removes its listener when done; more
  // than ten at once is load, not a leak.
  setMaxListeners(Number.POSITIVE_INFINITY, closing.signal);
  const sleep = settings.sleep ?? defaultSleep;
  // Who approves when a test does not say: the first account the emulator knows (`demo` by default).
  const defaultApprover = settings.users[0]?.username ?? EMULATOR_USER.username;
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
    if (answerPreflight(req, res, httpDate())) return;
    const record = (
      path: string,
      operationId: string | undefined,
      status: number | undefined,
      fault?: TmdbEmulatorFault['type'],
      notes: readonly EmulatorNote[] = [],
    ) => {
      const entry = { method, path: loggedPath(path), operationId, status, fault, notes };
      requests.add(entry);
      settings.onRequest?.(entry);
    };
    const violation = (entry: SpecViolation) =>
      violations.add({ ...entry, path: loggedPath(entry.path), problems: listed(entry.problems) });

    const approval = /^\/authenticate\/([^/]+)$/.exec(url.pathname);
    if (approval && method === 'GET') {
      const reply = approvalPage(
        store,
        safeDecode(approval[1] as string),
        approvalRequest(url.searchParams),
        defaultApprover,
      );
      record('/authenticate/{request_token}', undefined, reply.status);
      res.writeHead(reply.status, { ...reply.headers, 'content-type': 'text/html; charset=utf-8', date: httpDate() });
      res.end(reply.html);
      return;
    }
    if (url.pathname === '/auth/access' && method === 'GET') {
      const reply = v4ApprovalPage(
        v4Store,
        url.searchParams.get('request_token'),
        accountId,
        settings.v4RedirectAddsToken,
      );
      record('/auth/access', undefined, reply.status);
      res.writeHead(reply.status, { ...reply.headers, 'content-type': 'text/html; charset=utf-8', date: httpDate() });
      res.end(reply.html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404, { date: httpDate() }).end();
      return;
    }

    const api = apis.find(({ root }) => url.pathname.startsWith(`${root}/`));
    const specPath = api ? url.pathname.slice(api.root.length) : undefined;
    const operation = api?.spec.operations.find((o) => o.method === method && o.path === specPath);
    if (!api || !operation) {
      violation({
        direction: 'request',
        method,
        path: url.pathname,
        operationId: undefined,
        problems: [
          `the spec has no operation ${method} ${loggedPath(specPath ?? url.pathname)} under ${api?.root ?? API_ROOTS.map((r) => r.root).join(' or ')}`,
        ],
      });
      record(url.pathname, undefined, 404);
      send(res, 404, tmdbStatus(34).body);
      return;
    }

    // Checked before any fault: a fault stands for something in front of TMDb, and the request must conform anyway.
    const { validator } = api;
    const request = specRequest(method, operation.path, url, req, bodyText);
    // TMDb ignores a query parameter it does not know, and so does the emulator, noting it, unless `strictQuery`.
    const undeclared = validator.undeclaredQueryParameters(operation, request).map(loggedName);
    const requestProblems = [
      ...validator.requestViolations(operation, request, { undeclaredQuery: 'allow' }),
      ...(settings.strictQuery ? undeclared.map((name) => `query parameter \`${name}\` is not in the spec`) : []),
    ];
    const notes: EmulatorNote[] = settings.strictQuery
      ? []
      : undeclared.slice(0, MAX_LISTED).map((name) => ({ type: 'undeclared-query-parameter', name }));
    if (requestProblems.length > 0) {
      violation({
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
      record(url.pathname, operation.operationId, undefined, fault.type, notes);
      req.socket.resetAndDestroy();
      return;
    }

    const reply =
      faultReply(fault) ??
      answer(api, operation, url.searchParams, req.headers.authorization, bodyText, requestProblems);
    const problems = validator.responseViolations(operation, reply.status, reply.body);
    if (problems.length > 0) {
      violation({
        direction: 'response',
        method,
        path: url.pathname,
        operationId: operation.operationId,
        problems,
      });
    }
    record(url.pathname, operation.operationId, reply.status, fault?.type, notes);
    const retryAfter = fault?.type === 'rate-limit' ? fault.retryAfterSeconds : undefined;
    send(res, reply.status, reply.body, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
  }

  function answer(
    api: ApiRoot,
    operation: SpecOperation,
    query: URLSearchParams,
    authorization: string | undefined,
    bodyText: string,
    problems: readonly string[],
  ): Reply {
    if (!authorized(api.spec, operation, query.get('api_key'), authorization)) return tmdbStatus(7);
    const input = operation.requestBody ? bodyInput(bodyText) : queryInput(query);
    if (problems.length > 0) {
      const isLogin = operation.path === '/authentication/token/validate_with_login';
      return tmdbStatus(isLogin && (!input.get('username') || !input.get('password')) ? 26 : api.invalidInputCode);
    }
    // Every operation has a handler: the emulator refuses to start otherwise.
    return (handlers[operation.operationId] as OperationHandler)(input);
  }

  // Only the credentials the operation's spec accepts count: v4 takes the read access token, never an API key.
  function authorized(
    spec: SpecDocument,
    operation: SpecOperation,
    apiKey: string | null,
    authorization: string | undefined,
  ): boolean {
    const schemes = operation.security.flatMap((requirement) =>
      Object.keys(requirement).map(spec.securityScheme, spec),
    );
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    return (
      (schemes.some((scheme) => scheme.type === 'apiKey') && apiKey !== null && settings.apiKeys.has(apiKey)) ||
      (schemes.some((scheme) => scheme.type === 'http') && bearer !== undefined && settings.accessTokens.has(bearer))
    );
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, {
      ...CORS_HEADERS,
      'content-type': 'application/json;charset=utf-8',
      date: httpDate(),
      ...headers,
    });
    res.end(JSON.stringify(body));
  }

  // The facade rebases `expires_at` on the Date header, so it must come from the same clock as the expiry.
  function httpDate(): string {
    return new Date(settings.now()).toUTCString();
  }

  const refused = options?.maxConnections === undefined ? () => 0 : capConnections(server, options.maxConnections);
  let open = 0;
  let peakConnections = 0;
  server.on('connection', (socket) => {
    open += 1;
    peakConnections = Math.max(peakConnections, open);
    socket.once('close', () => {
      open -= 1;
    });
  });
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
    baseUrl: `${origin}/3`,
    v4BaseUrl: `${origin}/4`,
    approvalBaseUrl: origin,
    port,
    requests: requests.entries,
    get droppedRequests() {
      return requests.dropped;
    },
    violations: violations.entries,
    get droppedViolations() {
      return violations.dropped;
    },
    get refusedConnections() {
      return refused();
    },
    get peakConnections() {
      return peakConnections;
    },
    approve(requestToken, options) {
      const user = options?.user ?? defaultApprover;
      if (typeof user !== 'string' || user === '') throw new TypeError('approve(): `user` must be a non-empty string.');
      if (!store.approve(requestToken, user) && !v4Store.approve(requestToken, accountIdFor(user))) {
        throw new Error('approve(): no live request token with that value (never issued, expired or already used).');
      }
    },
    deny(requestToken) {
      if (!store.deny(requestToken)) {
        throw new Error('deny(): no live request token with that value (never issued, expired or already used).');
      }
    },
    hasAccessToken: (accessToken) => v4Store.accessTokenState(accessToken) === 'live',
    hasSession: (sessionId) => store.hasSession(sessionId),
    sessionUser: (sessionId) => store.sessionUser(sessionId),
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

// The most notes one record carries, and the most problems one violation lists: a query string can hold thousands
// of names, and the log keeps thousands of records.
const MAX_LISTED = 20;

function listed(problems: string[]): string[] {
  if (problems.length <= MAX_LISTED) return problems;
  return [...problems.slice(0, MAX_LISTED - 1), `and ${problems.length - MAX_LISTED + 1} more problems`];
}

// Objects without a prototype: a `__proto__` query parameter is then a key like any other, and the validator sees
// (and refuses, or notes) it.
function specRequest(method: string, path: string, url: URL, req: http.IncomingMessage, body: string): SpecRequest {
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  const headers: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
  for (const [name, value] of Object.entries(req.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { method, path, query, headers, body };
}
