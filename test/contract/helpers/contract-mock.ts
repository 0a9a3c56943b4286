// nock interceptors that the spec referees on both sides: a reply is checked against the schema for its
// operation and status before it is served, and every request that arrives is checked against the operation.
import nock from 'nock';
import { axiosTimeout } from '../../helpers/tmdb';
import { requestViolations, type ExpectedAuth, type RecordedRequest } from './request-validator';
import { templateToRegExp } from '../../../src/testing/spec-validator';
import { jsonMedia, mediaExample, SPECS, specOperation, specResponseFor, specOf, type SpecOperation } from './spec';

/** What a test may serve instead of a documented response: the failures a real network produces. */
export type Fault =
  /** No response: the socket fails (`ECONNRESET`, `ECONNREFUSED`...). */
  | { kind: 'connection-error'; code: string; message: string }
  /** No response within the client's per-attempt timeout: axios's timeout error, raised without a real wait. */
  | { kind: 'timeout'; timeoutMs: number }
  /** A response the spec does not allow (an HTML page from a proxy, a truncated body). `why` says what it is. */
  | { kind: 'off-spec'; why: string; status: number; body: string | object; contentType: string };

/** A fixture for one documented response; the spec's example is the default body. */
export interface Fixture {
  body?: unknown;
  headers?: Record<string, string>;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * A set of spec-checked nock interceptors for one test. Register one answer per expected attempt, run the code
 * under test, then call `done()`: it fails with the spec's complaint about any request, and with nock's about
 * any attempt that was expected and never made.
 */
export class ContractMock {
  readonly #scopes: nock.Scope[] = [];
  readonly #requests: RecordedRequest[] = [];
  readonly #violations: string[] = [];
  readonly #served: unknown[] = [];
  #catchAll: nock.Interceptor[] = [];

  /** Each operation is intercepted on its own document's server (v3's `/3`, v4's `/4`). */
  constructor(readonly auth: ExpectedAuth) {}

  /** The requests seen so far, in order. */
  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  /** The bodies `reply` registered, in order, as served (the spec's examples where the test gave none). */
  get servedBodies(): readonly unknown[] {
    return this.#served;
  }

  /**
   * Serves the response the spec documents for `operationId` and `status`, once: the spec's example unless the
   * fixture gives a body. @throws with the schema errors when the body or headers do not match the spec.
   */
  reply(operationId: string, status: number, fixture: Fixture = {}): this {
    const operation = specOperation(operationId);
    const documented = specResponseFor(operation, status);
    if (!documented) {
      throw new Error(
        `${operationId} documents no response for HTTP ${status} (it has ${Object.keys(operation.responses).join(', ')})`,
      );
    }
    const media = jsonMedia(documented.response.content);
    const body = fixture.body !== undefined ? fixture.body : mediaExample(media);
    const problems =
      media && body === undefined && fixture.body === undefined
        ? ['the spec has no example for it: give the fixture a body']
        : specOf(operation).validator.responseViolations(operation, status, body, fixture.headers ?? {});
    if (problems.length > 0) {
      throw new Error(
        `The fixture for ${operationId} HTTP ${status} (spec response '${documented.key}') does not match the spec:\n  ${problems.join('\n  ')}`,
      );
    }
    const headers = { ...(media ? { 'content-type': 'application/json' } : {}), ...fixture.headers };
    this.#served.push(body);
    this.#intercept(operation).reply(status, body === undefined ? '' : JSON.stringify(body), headers);
    this.#moveCatchAllLast();
    return this;
  }

  /** Serves a network failure or an off-spec response, once. Off-spec bodies must really be off spec. */
  fault(operationId: string, fault: Fault): this {
    const operation = specOperation(operationId);
    const interceptor = this.#intercept(operation);
    switch (fault.kind) {
      case 'connection-error':
        // An Error instance: nock 14 never delivers a plain { code, message } object, and the request hangs.
        interceptor.replyWithError(Object.assign(new Error(fault.message), { code: fault.code }));
        break;
      case 'timeout':
        interceptor.replyWithError(axiosTimeout(fault.timeoutMs));
        break;
      case 'off-spec': {
        const documented = specResponseFor(operation, fault.status);
        const media = jsonMedia(documented?.response.content);
        if (
          typeof fault.body === 'object' &&
          media?.schema &&
          specOf(operation).validator.schemaErrors(media.schema, fault.body).length === 0
        ) {
          throw new Error(`The "off-spec" body for ${operationId} (${fault.why}) matches the spec: it is no fault`);
        }
        const raw = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
        interceptor.reply(fault.status, raw, { 'content-type': fault.contentType });
        break;
      }
    }
    this.#moveCatchAllLast();
    return this;
  }

  /** Fails with every spec violation seen, then with any registered attempt that never came. */
  done(): void {
    const problems = this.#violations;
    if (problems.length > 0) throw new Error(`Requests that break the spec:\n  ${problems.join('\n  ')}`);
    for (const scope of this.#scopes) scope.done();
  }

  #intercept(operation: SpecOperation): nock.Interceptor {
    // Any query and body match, so that a wrong one reaches the validator and fails with the spec's words
    // rather than as nock's "no match".
    const { baseUrl } = specOf(operation);
    const basePath = basePathOf(baseUrl);
    const scope = nock(baseUrl);
    scope.on('request', (request: InterceptedRequest, _interceptor: unknown, body: string) => {
      const recorded = this.#record(request, body, baseUrl);
      for (const problem of requestViolations(operation, recorded, this.auth)) {
        this.#violations.push(`${operation.operationId} (${recorded.method} ${recorded.path}): ${problem}`);
      }
    });
    this.#scopes.push(scope);
    // The path may carry a query string; nock matches the query apart (`.query(true)`).
    const path = new RegExp(templateToRegExp(basePath + operation.path).source.replace(/\$$/, '(\\?.*)?$'));
    return scope.intercept(path, operation.method).query(true);
  }

  // nock tries interceptors in the order their replies were set, so the catch-all is re-added after each new one. It
  // turns a request to no mocked operation (a wrong method or path) into a spec violation with a plain 400,
  // where nock's own "no match" would be a socket error.
  #moveCatchAllLast(): void {
    for (const interceptor of this.#catchAll) nock.removeInterceptor(interceptor);
    // One per server origin (v3 and v4 share TMDb's); the path is reported whole, with its API root.
    const origins = [...new Set(SPECS.map((spec) => new URL(spec.baseUrl).origin))];
    this.#catchAll = origins.flatMap((origin) => {
      const scope = nock(origin).persist();
      return HTTP_METHODS.map((method) => {
        const interceptor = scope.intercept(/.*/, method).query(true);
        interceptor.reply(400, (uri: string) => {
          this.#violations.push(`${method} ${new URL(uri, origin).pathname}: matches no operation in the spec`);
          return { status_code: 0, status_message: 'No operation in the spec matches this request.' };
        });
        return interceptor;
      });
    });
  }

  #record(request: InterceptedRequest, body: string | undefined, baseUrl: string): RecordedRequest {
    const url = new URL(request.path, baseUrl);
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of url.searchParams) {
      const seen = query[name];
      query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
    }
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      headers[name.toLowerCase()] = Array.isArray(value)
        ? value.join(', ')
        : value === undefined
          ? undefined
          : String(value);
    }
    const recorded: RecordedRequest = {
      method: (request.method ?? '').toUpperCase(),
      path: url.pathname.slice(basePathOf(baseUrl).length),
      query,
      headers,
      body: body ?? '',
    };
    this.#requests.push(recorded);
    return recorded;
  }
}

interface InterceptedRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | string[] | number | undefined>;
}

function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}
