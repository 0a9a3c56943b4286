// Holds requests and answers to the spec with Ajv: the emulator, so it cannot accept what TMDb's documented
// surface would not nor answer what the client was not generated to read; the contract suite, so its mocks and
// the requests they see are the spec's. Problems are described by field and rule, never by value: a value may be
// a password or a token.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import {
  jsonMedia,
  specResponseFor,
  type JsonSchema,
  type SpecDocument,
  type SpecHeader,
  type SpecOperation,
} from './spec-document';

/** An HTTP request as the validator sees it. */
export interface SpecRequest {
  method: string;
  /** The path below the API root, without the query string. */
  path: string;
  query: Readonly<Record<string, string | readonly string[]>>;
  /** Lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body; '' when there was none. */
  body: string;
}

const SCHEMA_ID_BASE = 'https://tmdb-auth-client.test/spec/components/schemas/';
const COMPONENT_REF = '#/components/schemas/';

export class SpecValidator {
  readonly spec: SpecDocument;
  // Bodies are JSON, so types must match exactly; query strings and headers are text, so they are coerced.
  readonly #strict: Ajv;
  readonly #coercing: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(spec: SpecDocument) {
    this.spec = spec;
    this.#strict = this.#createAjv(false);
    this.#coercing = this.#createAjv(true);
    // Compiled up front, so a schema Ajv cannot read fails at start-up rather than on some later request.
    for (const operation of spec.operations) {
      for (const parameter of operation.parameters) if (parameter.schema) this.schemaErrors(parameter.schema, '');
      const body = jsonMedia(operation.requestBody?.content)?.schema;
      if (body) this.schemaErrors(body, {});
      for (const response of Object.values(operation.responses)) {
        const schema = jsonMedia(response.content)?.schema;
        if (schema) this.schemaErrors(schema, {});
      }
    }
  }

  /** The schema errors of `data` against `schema` (a spec schema, `$ref`s and all); empty when it is valid. */
  schemaErrors(schema: JsonSchema, data: unknown, options: { coerce?: boolean } = {}): string[] {
    const key = `${options.coerce ? 'c' : 's'}:${JSON.stringify(schema)}`;
    let validate = this.#compiled.get(key);
    if (!validate) {
      validate = (options.coerce ? this.#coercing : this.#strict).compile(rewriteRefs(schema) as JsonSchema);
      this.#compiled.set(key, validate);
    }
    // Coercion writes into its input, so it gets a copy.
    return validate(options.coerce ? structuredClone(data) : data) ? [] : formatErrors(validate.errors ?? []);
  }

  /**
   * Everything about `request` that the spec does not allow for `operation`; empty when it conforms. A query
   * parameter the spec does not declare is one, unless `undeclaredQuery` is `'allow'` (TMDb ignores them; read
   * them with `undeclaredQueryParameters`).
   */
  requestViolations(
    operation: SpecOperation,
    request: SpecRequest,
    options: { undeclaredQuery?: 'refuse' | 'allow' } = {},
  ): string[] {
    const problems: string[] = [];
    if (request.method !== operation.method) {
      problems.push(`method is ${request.method}, the spec says ${operation.method}`);
    }
    if (!templateToRegExp(operation.path).test(request.path)) {
      problems.push(`path is ${request.path}, the spec says ${operation.path}`);
    }
    problems.push(...this.#parameterViolations(operation, request));
    if (options.undeclaredQuery !== 'allow') {
      for (const name of this.undeclaredQueryParameters(operation, request)) {
        problems.push(`query parameter \`${name}\` is not in the spec`);
      }
    }
    problems.push(...this.#bodyViolations(operation, request));
    problems.push(...this.#securityViolations(operation, request));
    return problems;
  }

  /**
   * What is wrong with an answer to `operation`: a status the spec does not declare, a body or a header that is
   * not its schema's. Headers are checked only when given.
   */
  responseViolations(
    operation: SpecOperation,
    status: number,
    body: unknown,
    headers?: Readonly<Record<string, string>>,
  ): string[] {
    const documented = specResponseFor(operation, status);
    if (!documented) return [`HTTP ${status} is not an answer the spec declares for ${operation.operationId}`];
    const media = jsonMedia(documented.response.content);
    const problems: string[] = [];
    if (!media) {
      if (body !== undefined) problems.push('the spec documents no body for this response');
    } else if (body === undefined) {
      problems.push('no body');
    } else if (media.schema) {
      problems.push(...this.schemaErrors(media.schema, body).map((error) => `body ${error}`));
    }
    if (headers) problems.push(...this.#headerViolations(documented.response.headers ?? {}, headers));
    return problems;
  }

  #headerViolations(declared: Record<string, unknown>, headers: Readonly<Record<string, string>>): string[] {
    const problems: string[] = [];
    const given = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    for (const [name, ref] of Object.entries(declared)) {
      const header = this.spec.deref<SpecHeader>(ref);
      const value = given[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`required header ${name} is missing`);
        continue;
      }
      if (header.schema) {
        for (const error of this.schemaErrors(header.schema, value, { coerce: true })) {
          problems.push(`header ${name}: ${error}`);
        }
      }
    }
    return problems;
  }

  #parameterViolations(operation: SpecOperation, request: SpecRequest): string[] {
    const problems: string[] = [];
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path') continue;
      const value =
        parameter.in === 'query'
          ? own(request.query, parameter.name)
          : parameter.in === 'header'
            ? own(request.headers, parameter.name.toLowerCase())
            : undefined;
      const where = `${parameter.in} parameter \`${parameter.name}\``;
      if (value === undefined) {
        if (parameter.required) problems.push(`required ${where} is missing`);
        continue;
      }
      if (typeof value !== 'string') {
        problems.push(`${where} is sent ${value.length} times`);
        continue;
      }
      if (parameter.schema) {
        for (const error of this.schemaErrors(parameter.schema, value, { coerce: true })) {
          problems.push(`${where}: ${error}`);
        }
      }
    }
    return problems;
  }

  /** The names of the query parameters in `request` that the spec does not declare for `operation`. */
  undeclaredQueryParameters(operation: SpecOperation, request: Pick<SpecRequest, 'query'>): string[] {
    const declared = new Set<string>(this.#securityQueryNames(operation));
    for (const parameter of operation.parameters) if (parameter.in === 'query') declared.add(parameter.name);
    return Object.keys(request.query).filter((name) => !declared.has(name));
  }

  #securityQueryNames(operation: SpecOperation): string[] {
    return operation.security.flatMap((requirement) =>
      Object.keys(requirement).flatMap((name) => {
        const scheme = this.spec.securityScheme(name);
        return scheme.type === 'apiKey' && scheme.in === 'query' ? [scheme.name] : [];
      }),
    );
  }

  #bodyViolations(operation: SpecOperation, request: SpecRequest): string[] {
    const declared = operation.requestBody;
    if (!declared) return request.body === '' ? [] : ['has a body, and the spec declares none'];
    if (request.body.trim() === '') return declared.required ? ['the required request body is missing'] : [];

    const contentType = (own(request.headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const media = jsonMedia(declared.content);
    if (!media || !/json/.test(contentType)) {
      return [`body is sent as "${contentType}", the spec accepts ${Object.keys(declared.content).join(', ')}`];
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return ['body is not valid JSON'];
    }
    return media.schema ? this.schemaErrors(media.schema, body).map((error) => `request body: ${error}`) : [];
  }

  #securityViolations(operation: SpecOperation, request: SpecRequest): string[] {
    if (operation.security.length === 0) return [];
    const satisfied = operation.security.some((requirement) =>
      Object.keys(requirement).every((name) => {
        const scheme = this.spec.securityScheme(name);
        if (scheme.type === 'http') {
          return new RegExp(`^${scheme.scheme}\\s+\\S+$`, 'i').test(own(request.headers, 'authorization') ?? '');
        }
        const value =
          scheme.in === 'query' ? own(request.query, scheme.name) : own(request.headers, scheme.name.toLowerCase());
        return typeof value === 'string' && value !== '';
      }),
    );
    if (satisfied) return [];
    const names = operation.security.map((requirement) => Object.keys(requirement).join(' + ')).join(' or ');
    return [`carries no credentials the spec accepts (${names})`];
  }

  #createAjv(coerceTypes: boolean): Ajv {
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      coerceTypes,
      logger: false,
      // `format: password` is an OpenAPI hint for tools that mask input; it constrains nothing.
      formats: { password: true },
    });
    // OpenAPI 3.0 annotations that JSON Schema does not know; they carry no validation.
    ajv.addVocabulary(['example', 'xml', 'externalDocs']);
    for (const [name, schema] of Object.entries(this.spec.document.components.schemas ?? {})) {
      ajv.addSchema(rewriteRefs(schema) as JsonSchema, SCHEMA_ID_BASE + name);
    }
    return ajv;
  }
}

// A request's own fields only: a query or header object built from a plain `{}` answers `toString` or
// `constructor` from its prototype, and a `__proto__` key there is no key at all.
function own<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/** Whether a path matches a spec path template such as `/authenticate/{request_token}`. */
export function templateToRegExp(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/?]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

// Component schemas are registered under ids of their own, so a `$ref: '#/components/schemas/X'` anywhere
// resolves the way the spec means it.
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key !== '$ref') return [key, rewriteRefs(value)];
      if (typeof value !== 'string' || !value.startsWith(COMPONENT_REF)) {
        throw new Error(`Schemas may only $ref '${COMPONENT_REF}...', got ${String(value)}`);
      }
      return [key, SCHEMA_ID_BASE + value.slice(COMPONENT_REF.length)];
    }),
  );
}

function formatErrors(errors: ErrorObject[]): string[] {
  return errors.map((error) => {
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
        : '';
    return `${where} ${error.message ?? error.keyword}${extra} [schema ${error.schemaPath}]`;
  });
}
