// The specs under test, read from their sources (spec/tmdb-auth.yaml and spec/tmdb-auth-v4.yaml, the documents
// openapitools.json lists, so a mutated spec is what the suite sees) into the one spec model the emulator uses too
// (src/testing/spec-document.ts), each with the one validator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SpecDocument, type OpenApiDocument, type SpecOperation } from '../../../src/testing/spec-document';
import { SpecValidator } from '../../../src/testing/spec-validator';
import type { ExpectedAuth } from './request-validator';

export {
  jsonMedia,
  mediaExample,
  specResponseFor,
  type JsonSchema,
  type SpecHeader,
  type SpecOperation,
  type SpecResponse,
} from '../../../src/testing/spec-document';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** One spec document, with what the suite needs to hold exchanges to it. */
export interface SpecUnderTest {
  /** `v3` or `v4`, from the last segment of its server URL (the operation table's `api`). */
  api: string;
  file: string;
  document: SpecDocument;
  validator: SpecValidator;
  /** The document's first server: the base URL its contract mocks intercept. */
  baseUrl: string;
}

/** Every spec document openapitools.json generates a client from, v3 first. */
export const SPECS: readonly SpecUnderTest[] = Object.values(
  (
    JSON.parse(readFileSync(path.join(ROOT, 'openapitools.json'), 'utf8')) as {
      'generator-cli': { generators: Record<string, { inputSpec: string }> };
    }
  )['generator-cli'].generators,
).map(({ inputSpec }) => {
  const file = path.resolve(ROOT, inputSpec.replace('#{cwd}', ROOT));
  const document = new SpecDocument(parse(readFileSync(file, 'utf8')) as OpenApiDocument);
  const baseUrl = document.serverUrl;
  return { api: `v${baseUrl.split('/').pop() ?? ''}`, file, document, validator: new SpecValidator(document), baseUrl };
});

/** The v3 spec's server: the base URL the facade's `baseUrl` is set to in the suite (v4's is derived from it). */
export const SPEC_BASE_URL = (SPECS[0] as SpecUnderTest).baseUrl;

/** Every operation in every spec, in document order. */
export function specOperations(): readonly SpecOperation[] {
  return SPECS.flatMap((spec) => spec.document.operations);
}

/** One operation by its operationId (unique across the documents). @throws when no spec has it. */
export function specOperation(operationId: string): SpecOperation {
  const found = specOperations().find((operation) => operation.operationId === operationId);
  if (!found) throw new Error(`No spec has an operation "${operationId}"`);
  return found;
}

/** The document an operation comes from. */
export function specOf(operation: SpecOperation): SpecUnderTest {
  const found = SPECS.find((spec) => spec.document.operations.includes(operation));
  if (!found) throw new Error(`${operation.operationId} is not an operation of the specs under test`);
  return found;
}

/** Whether the spec lets `operation` be called with this credential (v4 takes only the Bearer token). */
export function acceptsCredential(operation: SpecOperation, auth: ExpectedAuth): boolean {
  const { document } = specOf(operation);
  return operation.security.some((requirement) =>
    Object.keys(requirement).every((name) => {
      const scheme = document.securityScheme(name);
      return 'apiKey' in auth ? scheme.type === 'apiKey' : scheme.type === 'http';
    }),
  );
}
