// The facade's operation table (src/internal/operations.ts) is private, so this test reaches into it: it holds
// every entry to the spec, which is what the rest of the package trusts it for.
import { OPERATIONS } from '../../src/internal/operations';
import { jsonMedia, specOperations } from '../contract/helpers/spec';

const entries = Object.entries(OPERATIONS);

describe('the operation table', () => {
  it.each(entries)('sends %s to a method and path the spec has', (_name, definition) => {
    const inSpec = specOperations().filter((operation) => operation.path === definition.path);
    expect(inSpec.map((operation) => operation.method)).toContain(definition.method);
  });

  it.each(entries)('names the model the spec says %s answers with', (_name, definition) => {
    const operation = specOperations().find(
      (candidate) => candidate.path === definition.path && candidate.method === definition.method,
    );
    const schema = jsonMedia(operation?.responses['200']?.content)?.schema;
    expect(schema?.['$ref']).toBe(`#/components/schemas/${definition.responseModel}`);
  });
});
