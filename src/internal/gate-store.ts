import type { RequestToken } from '../models';

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
  /**
   * The store counts the requests of several processes (`tmdb-auth-client/redis`): the default agents then close
   * each connection after its request, because a keep-alive socket idle in one process would count against TMDb's
   * connection cap while another process holds the slot.
   */
  readonly sharedAcrossProcesses?: boolean;
  /** The clock the store measures `sentAt`, deadlines and pauses on. */
  readonly now: () => number;
  /** Waits for a turn: `undefined` (or a promise of it) when the call may send, or why it may not. */
  enter(limits: WaitLimits): Promise<GateRefusal | undefined> | undefined;
  /** Reports how an attempt let through by `enter` ended; `sentAt` is when it was let through, on `now`. */
  leave(sentAt: number, result: AttemptResult): void;
  /** How long the gate stays closed from now; 0 when open. */
  pauseRemainingMs(): number;
  /**
   * Request tokens shared the way the store's state is, for `getValidRequestToken` (`tmdb-auth-client/redis` with
   * `shareRequestTokens`); without it (or `undefined` from it) each client keeps its own `RequestTokenCache`.
   */
  requestTokens?(
    create: () => Promise<RequestToken>,
    now: () => number,
    marginMs: number,
  ): RequestTokenSource | undefined;
}

/** Where `getValidRequestToken` finds a token for a key, and forgets one that was used or refused. */
export interface RequestTokenSource {
  get(key: string | undefined, signal?: AbortSignal): Promise<RequestToken>;
  drop(requestToken: string): void;
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
