// Adding an operation touches the files CONTRIBUTING.md's checklist names, keyed by the spec's operationId. This
// test holds each part to the table both ways, so a part left out (or left behind after a removal) is named here
// rather than found by a user.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OPERATIONS } from '../../src/internal/operations';
import { createOperationHandlers } from '../../src/testing/operation-handlers';
import { createV4OperationHandlers } from '../../src/testing/v4-operation-handlers';
import { FACADE_CASES, GENERATED_ONLY } from '../contract/operation-cases';

const entries = Object.entries(OPERATIONS);
const tableIds = new Set<string>(entries.map(([, definition]) => definition.operationId));

// Building the handler records reads neither store nor options: only their keys are looked at here.
const emulatorIds = [
  ...Object.keys(createOperationHandlers({} as never, {} as never, () => 'unknown')),
  ...Object.keys(createV4OperationHandlers({} as never, {} as never)),
];

const apiReport = readFileSync(path.resolve(__dirname, '../../api-reports/tmdb-auth-client.api.md'), 'utf8');

/** The members the API report lists for one exported class. */
function reportedMembers(className: string): string {
  const start = apiReport.indexOf(`export class ${className} {`);
  return start === -1 ? '' : apiReport.slice(start, apiReport.indexOf('\n}', start));
}

/** `v4CreateAccessToken` -> `v4.createAccessToken`: the table's key names the facade method that sends it. */
function facadeMethod(tableKey: string): string {
  return tableKey.replace(/^v4([A-Z])/, (_, letter: string) => `v4.${letter.toLowerCase()}`);
}

describe('every operation in the table', () => {
  it.each(entries)('%s has an emulator handler for its operationId', (_key, definition) => {
    expect(emulatorIds).toContain(definition.operationId);
  });

  it.each(entries)('%s has a facade contract case that calls its facade method', (key, definition) => {
    expect(FACADE_CASES[definition.operationId]?.method).toBe(facadeMethod(key));
  });

  it.each(entries)('%s has its facade method in the API report', (key) => {
    const method = facadeMethod(key);
    const [owner, name] = method.startsWith('v4.') ? ['TmdbV4Client', method.slice(3)] : ['TmdbAuthClient', method];
    expect(reportedMembers(owner)).toMatch(new RegExp(`^\\s+${name}\\(`, 'm'));
  });
});

describe('every emulator handler', () => {
  it.each(emulatorIds)(
    '%s serves an operation of the table, or one the facade leaves to the generated client',
    (id) => {
      expect(tableIds.has(id) || id in GENERATED_ONLY).toBe(true);
    },
  );
});

describe('every facade contract case', () => {
  it.each(Object.keys(FACADE_CASES))('%s is an operation of the table', (id) => {
    expect(tableIds.has(id)).toBe(true);
  });
});
