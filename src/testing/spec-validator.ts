import Ajv, { type ValidateFunction } from 'ajv';
import type { JsonSchema, SpecOperation } from './spec-document';

/** An HTTP request as the validator sees it. */
export interface IncomingRequest {
  query: URLSearchParams;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The raw body; empty when there was none. */
  bodyText: string;
}

/**
 * Checks requests and answers against the spec with Ajv, so the emulator cannot accept what TMDb's documented
 * surface would not, nor answer what the client was not generated to read. Problems are described by field and
 * rule, never by value: a value may be a password or a token.
 */
export class SpecValidator {
  readonly #ajv: Ajv;
  readonly #compiled = new Map<JsonSchema, ValidateFunction>();

  constructor(operations: readonly SpecOperation[]) {
    // OpenAPI 3.0 schemas carry `example` and `format: password`, which are annotations, not rules.
    this.#ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    this.#ajv.addFormat('password', true);
    // Compiled up front, so a schema Ajv cannot read fails at start-up rather than on some later request.
    for (const operation of operations) {
      for (const parameter of operation.queryParameters) this.#validator(parameter.schema);
      if (operation.requestBody) this.#validator(operation.requestBody.schema);
      for (const schema of Object.values(operation.responses)) if (schema) this.#validator(schema);
    }
  }

  /** What is wrong with a request to `operation`; empty when it conforms. */
  checkRequest(operation: SpecOperation, request: IncomingRequest): string[] {
    const problems: string[] = [];
    if (!request.query.has('api_key') && !/^Bearer\s+\S/i.test(request.authorization ?? '')) {
      problems.push('it carries no credentials: the spec asks for the `api_key` query parameter or a Bearer token');
    }
    for (const parameter of operation.queryParameters) {
      const value = request.query.get(parameter.name);
      if (value === null) {
        if (parameter.required) problems.push(`query parameter \`${parameter.name}\` is required`);
        continue;
      }
      problems.push(...this.#check(parameter.schema, value, `query parameter \`${parameter.name}\``));
    }
    if (operation.requestBody) problems.push(...this.#checkBody(operation.requestBody, request));
    return problems;
  }

  /** What is wrong with an answer the emulator is about to send; empty when the spec declares it. */
  checkResponse(operation: SpecOperation, status: number, body: unknown): string[] {
    const key = [String(status), `${Math.floor(status / 100)}XX`, 'default'].find((k) => k in operation.responses);
    if (key === undefined) return [`HTTP ${status} is not an answer the spec declares for ${operation.operationId}`];
    const schema = operation.responses[key];
    return schema ? this.#check(schema, body, `the HTTP ${status} body`) : [];
  }

  #checkBody(spec: NonNullable<SpecOperation['requestBody']>, request: IncomingRequest): string[] {
    if (request.bodyText.trim() === '') return spec.required ? ['a JSON request body is required'] : [];
    if (!/^application\/json\b/i.test(request.contentType ?? '')) {
      return ['the request body must be sent as `Content-Type: application/json`'];
    }
    let body: unknown;
    try {
      body = JSON.parse(request.bodyText);
    } catch {
      return ['the request body is not valid JSON'];
    }
    return this.#check(spec.schema, body, 'the request body');
  }

  #check(schema: JsonSchema, value: unknown, what: string): string[] {
    const validate = this.#validator(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => {
      const where = error.instancePath ? `${what} at \`${error.instancePath}\`` : what;
      return `${where} ${error.message ?? 'is invalid'}`;
    });
  }

  #validator(schema: JsonSchema): ValidateFunction {
    let validate = this.#compiled.get(schema);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#compiled.set(schema, validate);
    }
    return validate;
  }
}
