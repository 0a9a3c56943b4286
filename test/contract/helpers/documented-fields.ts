import type { SpecDocument } from '../../../src/testing/spec-document';
import type { JsonSchema } from './spec';

/**
 * The field sets a body of `schema` may have: one per branch of a oneOf/anyOf (v3's 422 is either of TMDb's two
 * error shapes), else the schema's own `properties`.
 */
export function documentedFieldSets(document: SpecDocument, schema: JsonSchema): string[][] {
  const resolved = document.deref<JsonSchema>(schema);
  if (resolved['allOf']) throw new Error('allOf answer schemas are not modelled here: add them before using one');
  const branches = (resolved['oneOf'] ?? resolved['anyOf']) as JsonSchema[] | undefined;
  if (branches) return branches.flatMap((branch) => documentedFieldSets(document, branch));
  return [Object.keys((resolved['properties'] ?? {}) as Record<string, unknown>)];
}

/**
 * The documented fields `body` lacks, against the closest field set its schema documents (the branch it is
 * nearest to): empty when it carries every field the spec documents for it.
 */
export function missingDocumentedFields(document: SpecDocument, schema: JsonSchema, body: unknown): string[] {
  const fields = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  const missing = documentedFieldSets(document, schema).map((documented) =>
    documented.filter((field) => !fields.includes(field)),
  );
  return missing.reduce((closest, candidate) => (candidate.length < closest.length ? candidate : closest));
}
