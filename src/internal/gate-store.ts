/**
 * Where a rate gate keeps its state, as every attempt sees it: the call executor asks for a turn (`enter`) and
 * reports how the attempt ended (`leave`), and never learns where the state lives. The default store is
 * `AdaptiveGate`, in the process's own memory; `tmdb-auth-client/redis` adds one that shares the state between
 * processes and falls back to an `AdaptiveGate` of its own while Redis does not answer. A store never fails a
 * call: whatever goes wrong inside it ends as a turn given or one of the refusals below.
 */
export interface GateStore {
  /** The most requests in flight at once; the default agents' `maxSockets` follows it. */
  readonly maxConcurrency: number;
  /** The clock the store measures `sentAt`, deadlines and pauses on. */
  readonly now: () => number;
  /** Waits for a turn: `undefined` (or a promise of it) when the call may send, or why it may not. */
  enter(limits: WaitLimits): Promise<GateRefusal | undefined> | undefined;
  /** Reports how an attempt let through by `enter` ended; `sentAt` is when it was let through, on `now`. */
  leave(sentAt: number, result: AttemptResult): void;
  /** How long the gate stays closed from now; 0 when open. */
  pauseRemainingMs(): number;
}

/** What a call may wait for at the gate. */
export interface WaitLimits {
  signal: AbortSignal | undefined;
  /** Absolute time on the gate's clock; `Infinity` for none. */
  deadline: number;
  /** The longest pause the call waits out (its `maxRetryAfterMs`). */
  maxPauseMs: number;
  /** A retry goes to the front of the queue: it has waited longest. */
  retry: boolean;
}

/** Why a call was not let through: its signal aborted, or the gate stays closed longer than it may wait. */
export type GateRefusal = { kind: 'aborted' } | { kind: 'closed'; retryAfterMs: number };

/** How an attempt ended, as the gate needs to know. */
export type AttemptResult = { kind: 'accepted' } | { kind: 'failed' } | { kind: 'rate-limited'; pauseMs: number };
