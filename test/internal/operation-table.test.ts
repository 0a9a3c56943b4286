// The facade's operation table (src/internal/operations.ts) is private, so this test reaches into it: it holds
// every entry to the spec, which is what the rest of the package trusts it for.
import { OPERATIONS } from '../../src/internal/operations';
import { jsonMedia, SPECS } from '../contract/helpers/spec';

const entries = Object.entries(OPERATIONS);

/** The operations of the spec document the entry's `api` names (v3: spec/tmdb-auth.yaml, v4: spec/tmdb-auth-v4.yaml). */
function specOperations(definition: { api: string }) {
  const spec = SPECS.find((candidate) => candidate.api === definition.api);
  if (!spec) throw new Error(`No spec document for ${definition.api}`);
  return spec.document.operations;
}

describe('the operation table', () => {
  it.each(entries)('gives %s the operationId the spec has at its method and path', (_name, definition) => {
    const operation = specOperations(definition).find(
      (candidate) => candidate.path === definition.path && candidate.method === definition.method,
    );
    expect(operation?.operationId).toBe(definition.operationId);
  });

  it.each(entries)('sends %s to a method and path the spec has', (_name, definition) => {
    const inSpec = specOperations(definition).filter((operation) => operation.path === definition.path);
    expect(inSpec.map((operation) => operation.method)).toContain(definition.method);
  });

  it.each(entries)('names the model the spec says %s answers with', (_name, definition) => {
    const operation = specOperations(definition).find(
      (candidate) => candidate.path === definition.path && candidate.method === definition.method,
    );
    const schema = jsonMedia(operation?.responses['200']?.content)?.schema;
    expect(schema?.['$ref']).toBe(`#/components/schemas/${definition.responseModel}`);
  });
});
