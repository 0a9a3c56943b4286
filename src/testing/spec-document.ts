// The spec, read as data: the one model of it that both the emulator (which checks every request and answer
// against it) and the contract suite (which holds mocks and requests to it) use. Only the OpenAPI 3.0 subset
// this project's spec uses is modelled; a construct outside it fails loudly here rather than being checked
// half-way.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A JSON Schema object from the spec (OpenAPI 3.0 dialect). */
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

/** One operation, with its parameters, request body and responses' `$ref`s followed (schemas keep theirs). */
export interface SpecOperation {
  operationId: string;
  /** Upper case, as on the wire. */
  method: string;
  /** The path under the API root, such as `/authentication/token/new`. */
  path: string;
  parameters: SpecParameter[];
  requestBody: SpecRequestBody | undefined;
  /** Keyed by the spec's status keys: '200', '429', '5XX', 'default'. */
  responses: Record<string, SpecResponse>;
  security: SecurityRequirement[];
}

/** An OpenAPI 3.0 document, as parsed from YAML or JSON. */
export interface OpenApiDocument {
  servers: { url: string }[];
  security?: SecurityRequirement[];
  paths: Record<string, Record<string, RawOperation>>;
  components: {
    schemas?: Record<string, JsonSchema>;
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

/** The spec's operations and the lookups made on them. */
export class SpecDocument {
  readonly document: OpenApiDocument;
  /** Every operation, in document order. */
  readonly operations: readonly SpecOperation[];

  constructor(document: OpenApiDocument) {
    this.document = document;
    this.operations = this.#readOperations();
  }

  /** The spec's first server URL. */
  get serverUrl(): string {
    const first = this.document.servers[0];
    if (!first) throw new Error('The spec declares no server.');
    return first.url;
  }

  /** One operation by its operationId. @throws when the spec has no such operation. */
  operation(operationId: string): SpecOperation {
    const found = this.operations.find((operation) => operation.operationId === operationId);
    if (!found) throw new Error(`The spec has no operation "${operationId}"`);
    return found;
  }

  securityScheme(name: string): SecurityScheme {
    const scheme = this.document.components.securitySchemes[name];
    if (!scheme) throw new Error(`The spec has no security scheme "${name}"`);
    return scheme;
  }

  /** Follows a local `$ref` (parameters, responses, headers, request bodies); schemas keep theirs for Ajv. */
  deref<T>(value: unknown): T {
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
        }, this.document);
    }
    return current as T;
  }

  #readOperations(): SpecOperation[] {
    const operations: SpecOperation[] = [];
    for (const [specPath, item] of Object.entries(this.document.paths)) {
      const shared = ((item as { parameters?: unknown[] }).parameters ?? []).map((p) => this.deref<SpecParameter>(p));
      for (const [method, raw] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        if (!raw.operationId) throw new Error(`${method.toUpperCase()} ${specPath} has no operationId`);
        operations.push({
          operationId: raw.operationId,
          method: method.toUpperCase(),
          path: specPath,
          parameters: [...shared, ...(raw.parameters ?? []).map((p) => this.deref<SpecParameter>(p))],
          requestBody: raw.requestBody === undefined ? undefined : this.deref<SpecRequestBody>(raw.requestBody),
          responses: Object.fromEntries(
            Object.entries(raw.responses).map(([status, response]) => [status, this.deref<SpecResponse>(response)]),
          ),
          security: raw.security ?? this.document.security ?? [],
        });
      }
    }
    return operations;
  }
}

function isRef(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
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

const PACKAGE_NAME = 'tmdb-auth-client';
// Written by `npm run build` (a Redocly bundle), so the installed package needs no YAML parser and reads the very
// spec the client was generated from.
const BUILT_SPECS = path.join('dist', 'spec');

/**
 * A spec document as the build wrote it to `dist/spec/` (`tmdb-auth.json` for v3, `tmdb-auth-v4.json` for v4), for
 * the emulator in the installed package.
 */
export function readBuiltSpec(name = 'tmdb-auth.json'): SpecDocument {
  const file = path.join(packageRoot(), BUILT_SPECS, name);
  if (!existsSync(file)) {
    throw new Error(`The TMDb emulator reads the spec from ${file}, which is missing: run \`npm run build\`.`);
  }
  return new SpecDocument(JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument);
}

// The folder of this package's package.json: dist/src/testing/ once built and installed, src/testing/ in tests.
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`The TMDb emulator cannot find the ${PACKAGE_NAME} package folder.`);
  }
}
