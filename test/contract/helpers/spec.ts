// The spec under test, read from its source (spec/tmdb-auth.yaml, so a mutated spec is what the suite sees) into
// the one spec model the emulator uses too (src/testing/spec-document.ts), with the one validator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SpecDocument, type OpenApiDocument, type SpecOperation } from '../../../src/testing/spec-document';
import { SpecValidator } from '../../../src/testing/spec-validator';

export {
  jsonMedia,
  mediaExample,
  specResponseFor,
  type JsonSchema,
  type SpecHeader,
  type SpecOperation,
  type SpecResponse,
} from '../../../src/testing/spec-document';

export const SPEC_FILE = path.resolve(__dirname, '..', '..', '..', 'spec', 'tmdb-auth.yaml');

export const spec = new SpecDocument(parse(readFileSync(SPEC_FILE, 'utf8')) as OpenApiDocument);

export const specValidator = new SpecValidator(spec);

/** The spec's first server: the base URL every contract mock intercepts. */
export const SPEC_BASE_URL = spec.serverUrl;

/** Every operation in the spec, in document order. */
export function specOperations(): readonly SpecOperation[] {
  return spec.operations;
}

/** One operation by its operationId. @throws when the spec has no such operation. */
export function specOperation(operationId: string): SpecOperation {
  return spec.operation(operationId);
}
