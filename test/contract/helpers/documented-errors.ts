import type { SpecOperation } from './spec';

/**
 * The HTTP statuses to test for each documented error response of an operation: the status itself, or for a
 * range such as `5XX` its first status (500).
 */
export function errorStatusesOf(operation: SpecOperation): number[] {
  return Object.keys(operation.responses)
    .filter((key) => key !== 'default' && !key.startsWith('2'))
    .map((key) => (/^\dXX$/i.test(key) ? Number(key[0]) * 100 : Number(key)));
}
