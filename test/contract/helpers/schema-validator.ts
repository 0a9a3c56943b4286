// Validates data against the spec's JSON schemas with ajv. The spec's component schemas are registered once,
// under ids of their own, so a `$ref: '#/components/schemas/X'` anywhere resolves the way the spec means it.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { specDocument, type JsonSchema } from './spec';

const SCHEMA_ID_BASE = 'https://tmdb-auth-client.test/spec/components/schemas/';
const COMPONENT_REF = '#/components/schemas/';

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    coerceTypes,
    // `format: password` is an OpenAPI hint for tools that mask input; it constrains nothing.
    formats: { password: true },
  });
  // OpenAPI 3.0 annotations that JSON Schema does not know; they carry no validation.
  ajv.addVocabulary(['example', 'xml', 'externalDocs']);
  for (const [name, schema] of Object.entries(specDocument.components.schemas)) {
    ajv.addSchema(rewriteRefs(schema) as JsonSchema, SCHEMA_ID_BASE + name);
  }
  return ajv;
}

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

// Bodies are JSON, so types must match exactly; query strings and headers are text, so they are coerced.
const strict = createAjv(false);
const coercing = createAjv(true);
const compiled = new Map<string, ValidateFunction>();

/**
 * The schema errors of `data` against `schema` (a spec schema, `$ref`s and all), as readable lines; empty when
 * it is valid.
 */
export function schemaErrors(schema: JsonSchema, data: unknown, options: { coerce?: boolean } = {}): string[] {
  const ajv = options.coerce ? coercing : strict;
  const key = `${options.coerce ? 'c' : 's'}:${JSON.stringify(schema)}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as JsonSchema);
    compiled.set(key, validate);
  }
  // Coercion writes into its input, so it gets a copy.
  return validate(options.coerce ? structuredClone(data) : data) ? [] : formatErrors(validate.errors ?? []);
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
