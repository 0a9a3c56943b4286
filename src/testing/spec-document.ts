import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A JSON Schema object from the spec (OpenAPI 3.0 dialect). */
export type JsonSchema = Record<string, unknown>;

/** One operation of the spec, with every `$ref` already resolved. */
export interface SpecOperation {
  readonly operationId: string;
  /** Upper case: `GET`, `POST`... */
  readonly method: string;
  /** The path under the API root, such as `/authentication/token/new`. */
  readonly path: string;
  readonly queryParameters: readonly { name: string; required: boolean; schema: JsonSchema }[];
  readonly requestBody: { required: boolean; schema: JsonSchema } | undefined;
  /** Response schemas by status key as the spec writes it: `200`, `401`, `5XX`. */
  readonly responses: Readonly<Record<string, JsonSchema | undefined>>;
}

const PACKAGE_NAME = 'tmdb-auth-client';
// Written by `npm run build` (redocly bundle --dereferenced), so the installed package needs no YAML parser and
// reads the very spec the client was generated from.
const SPEC_JSON = path.join('dist', 'spec', 'tmdb-auth.json');

/** Reads the operations of `spec/tmdb-auth.yaml`, as the build wrote them to `dist/spec/tmdb-auth.json`. */
export function loadSpecOperations(): SpecOperation[] {
  const file = path.join(packageRoot(), SPEC_JSON);
  if (!existsSync(file)) {
    throw new Error(`The TMDb emulator reads the spec from ${file}, which is missing: run \`npm run build\`.`);
  }
  const document = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, RawOperation>> };
  const operations: SpecOperation[] = [];
  for (const [specPath, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      operations.push(toOperation(method.toUpperCase(), specPath, raw));
    }
  }
  return operations;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

interface RawOperation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

function toOperation(method: string, specPath: string, raw: RawOperation): SpecOperation {
  const responses: Record<string, JsonSchema | undefined> = {};
  for (const [status, response] of Object.entries(raw.responses)) {
    responses[status] = response.content?.['application/json']?.schema;
  }
  const body = raw.requestBody?.content['application/json'];
  return {
    operationId: raw.operationId,
    method,
    path: specPath,
    queryParameters: (raw.parameters ?? [])
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => ({ name: parameter.name, required: parameter.required === true, schema: parameter.schema })),
    requestBody: body ? { required: raw.requestBody?.required === true, schema: body.schema } : undefined,
    responses,
  };
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
