// The spec, read as data: the referee of every contract test. Only the OpenAPI 3.0 subset this project's spec
// uses is modelled; a construct outside it fails loudly here rather than being checked half-way.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const SPEC_FILE = path.resolve(__dirname, '..', '..', '..', 'spec', 'tmdb-auth.yaml');

export type JsonSchema = Record<string, unknown>;

export interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
}

export interface SpecHeader {
  required?: boolean;
  schema?: JsonSchema;
}

export interface SpecResponse {
  description: string;
  headers?: Record<string, SpecHeader>;
  content?: Record<string, MediaType>;
}

export interface SpecRequestBody {
  required?: boolean;
  content: Record<string, MediaType>;
}

export type SecurityRequirement = Record<string, string[]>;

export type SecurityScheme =
  { type: 'apiKey'; in: 'query' | 'header' | 'cookie'; name: string } | { type: 'http'; scheme: string };

export interface SpecOperation {
  operationId: string;
  /** Upper case, as on the wire. */
  method: string;
  path: string;
  parameters: SpecParameter[];
  requestBody: SpecRequestBody | undefined;
  /** Keyed by the spec's status keys: '200', '429', '5XX', 'default'. */
  responses: Record<string, SpecResponse>;
  security: SecurityRequirement[];
}

interface OpenApiDocument {
  servers: { url: string }[];
  security?: SecurityRequirement[];
  paths: Record<string, Record<string, RawOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, SecurityScheme>;
  };
}

interface RawOperation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: SecurityRequirement[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export const specDocument = parse(readFileSync(SPEC_FILE, 'utf8')) as OpenApiDocument;

/** The spec's first server: the base URL every contract mock intercepts. */
export const SPEC_BASE_URL = (specDocument.servers[0] as { url: string }).url;

/** Follows a local `$ref` (parameters, responses, headers, request bodies); schemas keep theirs for ajv. */
export function deref<T>(value: unknown): T {
  let current = value;
  for (let hops = 0; isRef(current); hops++) {
    if (hops > 10) throw new Error(`$ref loop at ${current.$ref}`);
    const pointer = current.$ref;
    if (!pointer.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${pointer}`);
    current = pointer
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => {
        const next = (node as Record<string, unknown> | undefined)?.[key];
        if (next === undefined) throw new Error(`$ref ${pointer} points at nothing`);
        return next;
      }, specDocument);
  }
  return current as T;
}

function isRef(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** Every operation in the spec, in document order. */
export function specOperations(): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [specPath, item] of Object.entries(specDocument.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      if (!raw.operationId) throw new Error(`${method.toUpperCase()} ${specPath} has no operationId`);
      const shared = ((item as { parameters?: unknown[] }).parameters ?? []).map((p) => deref<SpecParameter>(p));
      operations.push({
        operationId: raw.operationId,
        method: method.toUpperCase(),
        path: specPath,
        parameters: [...shared, ...(raw.parameters ?? []).map((p) => deref<SpecParameter>(p))],
        requestBody: raw.requestBody === undefined ? undefined : deref<SpecRequestBody>(raw.requestBody),
        responses: Object.fromEntries(
          Object.entries(raw.responses).map(([status, response]) => [status, deref<SpecResponse>(response)]),
        ),
        security: raw.security ?? specDocument.security ?? [],
      });
    }
  }
  return operations;
}

/** One operation by its operationId. @throws when the spec has no such operation. */
export function specOperation(operationId: string): SpecOperation {
  const found = specOperations().find((operation) => operation.operationId === operationId);
  if (!found) throw new Error(`The spec has no operation "${operationId}"`);
  return found;
}

/** The response the spec documents for an HTTP status: the exact status, else its range (`5XX`), else `default`. */
export function specResponseFor(
  operation: SpecOperation,
  status: number,
): { key: string; response: SpecResponse } | undefined {
  const range = `${Math.floor(status / 100)}XX`;
  const key =
    Object.keys(operation.responses).find((k) => k === String(status)) ??
    Object.keys(operation.responses).find((k) => k.toUpperCase() === range) ??
    (operation.responses['default'] ? 'default' : undefined);
  return key === undefined ? undefined : { key, response: operation.responses[key] as SpecResponse };
}

/** The JSON media type of a content map, whatever its parameters (`application/json; charset=utf-8`). */
export function jsonMedia(content: Record<string, MediaType> | undefined): MediaType | undefined {
  if (!content) return undefined;
  const key = Object.keys(content).find((type) => /^application\/(.+\+)?json\b/i.test(type.trim()));
  return key === undefined ? undefined : content[key];
}

/** The example the spec gives for a media type: `example`, else the first of `examples`. */
export function mediaExample(media: MediaType | undefined): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first?.value;
}

export function securityScheme(name: string): SecurityScheme {
  const scheme = specDocument.components.securitySchemes[name];
  if (!scheme) throw new Error(`The spec has no security scheme "${name}"`);
  return scheme;
}
