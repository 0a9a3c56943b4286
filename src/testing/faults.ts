/** A failure the emulator can be told to produce instead of (or, for latency, before) its normal answer. */
export type TmdbEmulatorFault =
  /** Waits this long before answering normally. */
  | { type: 'latency'; ms: number }
  /** Answers 429 with TMDb's code 25, with a `Retry-After` header when `retryAfterSeconds` is given. */
  | { type: 'rate-limit'; retryAfterSeconds?: number | undefined }
  /** Answers this 5xx status with the TMDb code that goes with it (500: 11, 502: 43, 503: 9, 504: 24). @default 503 */
  | { type: 'server-error'; status?: 500 | 502 | 503 | 504 | undefined }
  /** Closes the connection without answering (the client sees ECONNRESET or "socket hang up"). */
  | { type: 'connection-reset' };

/** Which requests a fault applies to, and how many times. */
export interface FaultScope {
  /**
   * Only requests to this operation: its operationId (`create-session`) or method and spec path
   * (`POST /authentication/session/new`). @default every API request
   */
  route?: string | undefined;
  /** How many matching requests fail; `Infinity` for all of them until `clearFaults()`. @default 1 */
  times?: number | undefined;
}

interface PendingFault {
  fault: TmdbEmulatorFault;
  route: string | undefined;
  remaining: number;
}

/** Faults waiting for a request, taken first-in first-out. */
export class FaultQueue {
  #pending: PendingFault[] = [];

  add(fault: TmdbEmulatorFault, scope: FaultScope = {}): void {
    const times = scope.times ?? 1;
    if (!(times >= 1)) throw new TypeError('`times` must be 1 or more (or Infinity).');
    if (fault.type === 'latency' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
      throw new TypeError('A latency fault needs `ms`, a finite number of milliseconds.');
    }
    this.#pending.push({ fault, route: scope.route, remaining: times });
  }

  /** The fault for this request, if one is waiting for it; using it counts down its `times`. */
  take(operationId: string, method: string, specPath: string): TmdbEmulatorFault | undefined {
    const index = this.#pending.findIndex(
      (pending) =>
        pending.route === undefined || pending.route === operationId || pending.route === `${method} ${specPath}`,
    );
    const pending = this.#pending[index];
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.#pending.splice(index, 1);
    return pending.fault;
  }

  clear(): void {
    this.#pending = [];
  }
}
