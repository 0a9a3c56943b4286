import type { TmdbEmulatorFault } from './faults';

/** One request the emulator received. Paths only: query strings and bodies carry secrets. */
export interface EmulatorRequestRecord {
  method: string;
  path: string;
  /** The spec operation it matched, if any. */
  operationId: string | undefined;
  /** The HTTP status answered; undefined when a `connection-reset` fault closed the connection instead. */
  status: number | undefined;
  /** The fault injected into it, if any. */
  fault: TmdbEmulatorFault['type'] | undefined;
}
