import { TmdbAuthClient } from 'tmdb-auth-client';
import { SPECS, specOperations } from './helpers/spec';
import { ACCESS_TOKEN, FACADE_CASES, facadeMethodOf, GENERATED_CASES, GENERATED_ONLY } from './operation-cases';

const operationIds = specOperations().map((operation) => operation.operationId);

describe('contract coverage of the spec', () => {
  it('has a contract test through the generated client for every operation in the spec', () => {
    const missing = operationIds.filter((id) => !(id in GENERATED_CASES));
    expect(missing).toEqual([]);
  });

  it('has a facade method, or a documented reason for none, for every operation in the spec', () => {
    const missing = operationIds.filter((id) => !(id in FACADE_CASES) && !(id in GENERATED_ONLY));
    expect(missing).toEqual([]);
  });

  it('lists no operation the spec does not have', () => {
    const known = new Set(operationIds);
    const stale = [
      ...Object.keys(GENERATED_CASES),
      ...Object.keys(FACADE_CASES),
      ...Object.keys(GENERATED_ONLY),
    ].filter((id) => !known.has(id));
    expect(stale).toEqual([]);
  });

  it('does not both expose an operation through the facade and allow-list it as generated-only', () => {
    expect(Object.keys(GENERATED_ONLY).filter((id) => id in FACADE_CASES)).toEqual([]);
  });

  it.each(Object.entries(FACADE_CASES))('exposes %s as a public method of TmdbAuthClient', (_id, facadeCase) => {
    const client = new TmdbAuthClient({ accessToken: ACCESS_TOKEN });
    expect(typeof facadeMethodOf(client, facadeCase.method)).toBe('function');
  });

  it('covers the operations of every spec document, v4 included', () => {
    expect(SPECS.map((spec) => spec.api)).toEqual(['v3', 'v4']);
    for (const spec of SPECS) {
      expect(spec.document.operations.filter((operation) => !(operation.operationId in GENERATED_CASES))).toEqual([]);
    }
  });
});
