// A gate store whose state lives in Redis, shared by every process that uses the same key prefix: the pause after
// a 429 with its Retry-After, the learnt rate, the spacing of requests and the concurrency window (as leases that
// expire). Each process keeps only its own queue of waiting calls, and one loop (`#pump`) asks Redis for turns on
// their behalf, one at a time. Redis failing never fails a call: a command that errs or takes longer than
// `storeTimeoutMs` moves the gate onto its in-process fallback (an `AdaptiveGate`), said once through
// `onStoreStatus`; Redis is asked again every `RECHECK_MS`, and once it answers, the calls still waiting at the
// fallback come back to wait for Redis.
import { randomUUID } from 'node:crypto';
import { onAbort } from '../internal/abort';
import { type Waiter, WaitQueue } from '../internal/wait-queue';
import type { AttemptResult, GateRefusal, GateStore, RequestTokenSource, WaitLimits } from '../internal/gate-store';
import type { AdaptiveGate, GateEvent } from '../internal/rate-gate';
import { ACQUIRE_SCRIPT, type AcquireReply, PAUSE_SCRIPT, RELEASE_SCRIPT, type ReleaseReply } from './gate-scripts';
import type { RequestToken } from '../models';
import { RedisRequestTokens } from './redis-request-tokens';
import { RedisScript, type RedisScriptClient } from './redis-script';

/** What `onStoreStatus` is told when the gate leaves Redis for its in-process state, and when it comes back. */
export type RedisStoreEvent =
  | {
      /** Redis did not answer in time (`timeout`) or answered with an error (`error`); calls go on in-process. */
      type: 'fallback';
      reason: 'timeout' | 'error';
      /** What the client threw, for `error`. */
      error: unknown;
    }
  | {
      /** Redis answered again; calls share its state once more. */
      type: 'recovered';
    };

export interface RedisGateSettings {
  client: RedisScriptClient;
  keyPrefix: string;
  maxConcurrency: number;
  maxRequestsPerSecond: number | undefined;
  storeTimeoutMs: number;
  leaseMs: number;
  onRateLimit: ((event: GateEvent) => void) | undefined;
  onStoreStatus: ((event: RedisStoreEvent) => void) | undefined;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The in-process gate calls pass through while Redis does not answer. */
  fallback: AdaptiveGate;
  /** `getValidRequestToken({ key })` finds and creates tokens through Redis. */
  shareRequestTokens: boolean;
}

const ACQUIRE = new RedisScript(ACQUIRE_SCRIPT);
const RELEASE = new RedisScript(RELEASE_SCRIPT);
const PAUSE = new RedisScript(PAUSE_SCRIPT);
// How far ahead a turn may be booked: the process waits out the rest itself instead of asking Redis again. Each
// process books one turn at a time, so this lets every process of a busy app hold a booking (10 processes at 40
// requests a second) instead of asking again and again for the next free turn (bench, 8 processes: 100 ms, 6 round
// trips a call; 250 ms, 2.5, and with the pause asked for before a booked turn is used, 3.3 and half the 429s).
const HORIZON_MS = 250;
// A budget nobody has used for this long is forgotten (and relearnt).
const STATE_TTL_MS = 10 * 60_000;
// How long after falling back the next call tries Redis again.
const RECHECK_MS = 1_000;
// A pause that another process set, seen through Redis, differs by clock jitter from one already known.
const SAME_PAUSE_MS = 20;
// A process that asked Redis for a turn within this long counts as sharing the budget, for the fallback's share.
const PRESENCE_MS = 30_000;

export class RedisGateStore implements GateStore {
  readonly #settings: RedisGateSettings;
  readonly #keys: readonly [string, string];
  readonly #queue = new WaitQueue();
  // The leases this process holds for its attempts in flight; any one of them is given back when one ends.
  readonly #leases: string[] = [];
  readonly #leasePrefix = randomUUID();
  #leaseCount = 0;
  // How many processes shared the budget at the last answer: the fallback keeps to its share of it.
  #processes = 1;
  // Attempts in flight that the fallback let through: their ends go back to it.
  #fallbackTurns = 0;
  #usingFallback = false;
  #rechecking = false;
  // The calls handed to the fallback that still wait there: aborting one brings it back.
  readonly #atFallback = new Set<AbortController>();
  #pausedUntil = 0;
  #closed = false;
  #rate: number | undefined;
  // Redis's clock less this process's, from the last answer.
  #offset = 0;
  #pumping = false;
  #pumpSleep: AbortController | undefined;

  constructor(settings: RedisGateSettings) {
    this.#settings = settings;
    this.#keys = [`${settings.keyPrefix}gate`, `${settings.keyPrefix}leases`];
  }

  readonly sharedAcrossProcesses = true;

  get maxConcurrency(): number {
    return this.#settings.maxConcurrency;
  }

  get now(): () => number {
    return this.#settings.now;
  }

  requestTokens(
    create: () => Promise<RequestToken>,
    now: () => number,
    marginMs: number,
  ): RequestTokenSource | undefined {
    if (!this.#settings.shareRequestTokens) return undefined;
    return new RedisRequestTokens({
      // While on the fallback, tokens come from the client's own cache until Redis answers again.
      call: (script, keys, args) => (this.#usingFallback ? Promise.resolve(undefined) : this.#call(script, keys, args)),
      keyPrefix: this.#settings.keyPrefix,
      create,
      now,
      marginMs,
      sleep: this.#settings.sleep,
    });
  }

  pauseRemainingMs(): number {
    if (this.#usingFallback) return this.#settings.fallback.pauseRemainingMs();
    return Math.max(0, this.#pausedUntil - this.#settings.now());
  }

  enter(limits: WaitLimits): Promise<GateRefusal | undefined> | undefined {
    if (this.#usingFallback) return this.#enterFallback(limits);
    if (limits.signal?.aborted) return Promise.resolve({ kind: 'aborted' });
    const refusal = this.#refusalFor(limits, this.#settings.now());
    if (refusal) return Promise.resolve(refusal);
    const turn = this.#queue.wait(limits);
    void this.#pump();
    return turn;
  }

  leave(sentAt: number, result: AttemptResult): void {
    if (this.#fallbackTurns > 0) {
      this.#fallbackTurns -= 1;
      this.#settings.fallback.leave(sentAt, result);
      return;
    }
    // Known here at once, so that the call that met the 429 sees the pause before Redis confirms it.
    if (result.kind === 'rate-limited') this.#pauseSeen(result.pauseMs);
    const lease = this.#leases.pop();
    if (lease !== undefined) void this.#release(lease, sentAt, result);
  }

  #enterFallback(limits: WaitLimits): Promise<GateRefusal | undefined> | undefined {
    const turn = this.#settings.fallback.enter(limits);
    if (turn === undefined) {
      this.#fallbackTurns += 1;
      return undefined;
    }
    return turn.then((refusal) => {
      if (refusal === undefined) this.#fallbackTurns += 1;
      return refusal;
    });
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0 && !this.#usingFallback) {
        const lease = `${this.#leasePrefix}:${++this.#leaseCount}`;
        const reply = (await this.#call(ACQUIRE, [...this.#keys, this.#procsKey], this.#acquireArgs(lease), (late) => {
          // Redis answered after the gate stopped waiting: the turn it gave is nobody's.
          if ((late as AcquireReply | undefined)?.[0] === 1) void this.#giveBack(lease);
        })) as AcquireReply | undefined;
        if (reply === undefined) continue;
        const [granted, waitMs, pauseMs, rate10, redisNow, processes] = reply;
        this.#synced(redisNow, rate10);
        this.#processes = Math.max(1, processes);
        if (pauseMs > 0) this.#pauseSeen(pauseMs);
        if (granted !== 1) {
          // A full window frees up when an attempt ends (`#release` wakes the loop); a pause or rate does not.
          await this.#sleep(waitMs, granted === 2);
          continue;
        }
        if (waitMs > 0 && !(await this.#bookedTurnStillOpen(waitMs))) {
          // A 429 (here or in another process) closed the gate since the booking: the loop asks when it reopens.
          void this.#giveBack(lease);
          continue;
        }
        const waiter = this.#queue.next(this.#settings.now());
        if (!waiter) {
          void this.#giveBack(lease);
          continue;
        }
        this.#leases.push(lease);
        if (this.#closed) {
          this.#closed = false;
          this.#emit('reopened', 0);
        }
        waiter.settle(undefined);
      }
      if (this.#usingFallback) this.#handOver();
    } finally {
      this.#pumping = false;
    }
  }

  /**
   * Waits for a turn booked `waitMs` ahead, then asks Redis whether the gate is still open: a request sent into a
   * pause that began meanwhile only earns another 429. `false` when it closed (or Redis failed: the loop falls
   * back).
   */
  async #bookedTurnStillOpen(waitMs: number): Promise<boolean> {
    await this.#sleep(waitMs, false);
    if (this.#pausedUntil > this.#settings.now()) return false;
    const reply = (await this.#call(PAUSE, [this.#keys[0] as string], [])) as [number, number] | undefined;
    if (reply === undefined) return false;
    if (reply[0] === 0) return true;
    this.#pauseSeen(reply[0]);
    return false;
  }

  #acquireArgs(lease: string): (string | number)[] {
    const { maxConcurrency, maxRequestsPerSecond, leaseMs } = this.#settings;
    return [
      lease,
      maxConcurrency,
      maxRequestsPerSecond ?? 0,
      leaseMs,
      STATE_TTL_MS,
      HORIZON_MS,
      this.#leasePrefix,
      PRESENCE_MS,
    ];
  }

  get #procsKey(): string {
    return `${this.#settings.keyPrefix}procs`;
  }

  async #release(lease: string, sentAt: number, result: AttemptResult): Promise<void> {
    const { maxConcurrency, maxRequestsPerSecond } = this.#settings;
    const code = result.kind === 'accepted' ? 'a' : result.kind === 'rate-limited' ? 'r' : 'f';
    const pauseMs = result.kind === 'rate-limited' ? Math.round(result.pauseMs) : 0;
    const reply = (await this.#call(RELEASE, this.#keys, [
      lease,
      code,
      Math.round(sentAt + this.#offset),
      pauseMs,
      maxConcurrency,
      maxRequestsPerSecond ?? 0,
      STATE_TTL_MS,
      this.#queue.length > 0 ? 1 : 0,
    ])) as ReleaseReply | undefined;
    if (reply === undefined) return;
    this.#synced(reply[3], reply[2]);
    if (reply[0] > 0) this.#pauseSeen(reply[0]);
    this.#pumpSleep?.abort();
    if (this.#queue.length > 0) void this.#pump();
  }

  /** Hands back a lease no attempt used; when Redis does not take it, it expires on its own. */
  async #giveBack(lease: string): Promise<void> {
    await RELEASE.run(this.#settings.client, this.#keys, [lease, 'x']).catch(() => undefined);
  }

  /**
   * Runs a script, bounded by `storeTimeoutMs`. `undefined` when Redis failed or was too slow: the gate has then
   * fallen back. `late` gets an answer that came after the gate stopped waiting.
   */
  async #call(
    script: RedisScript,
    keys: readonly string[],
    args: (string | number)[],
    late?: (reply: unknown) => void,
  ): Promise<unknown> {
    const outcome = await this.#bounded(script.run(this.#settings.client, keys, args), late);
    if (outcome.kind === 'answer') return outcome.reply;
    this.#fallBack(
      outcome.kind === 'timeout'
        ? { type: 'fallback', reason: 'timeout', error: undefined }
        : { type: 'fallback', reason: 'error', error: outcome.error },
    );
    return undefined;
  }

  /** Redis's answer, its error, or a timeout after `storeTimeoutMs`. */
  #bounded(
    command: Promise<unknown>,
    late?: (reply: unknown) => void,
  ): Promise<{ kind: 'answer'; reply: unknown } | { kind: 'error'; error: unknown } | { kind: 'timeout' }> {
    return new Promise((resolve) => {
      let settled = false;
      const timer = setTimeout(() => {
        // An event loop that was busy runs timers before the I/O that came meanwhile: an answer already read from
        // the socket is not a slow Redis. setImmediate runs after that I/O.
        setImmediate(() => {
          if (settled) return;
          settled = true;
          resolve({ kind: 'timeout' });
        });
      }, this.#settings.storeTimeoutMs);
      timer.unref?.();
      command.then(
        (reply) => {
          if (settled) return late?.(reply);
          settled = true;
          clearTimeout(timer);
          resolve({ kind: 'answer', reply });
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ kind: 'error', error });
        },
      );
    });
  }

  #fallBack(event: RedisStoreEvent): void {
    if (this.#usingFallback) return;
    this.#usingFallback = true;
    // Every process falls back at once when Redis goes: each keeps to its share, so that together they keep to
    // the budget they shared, starting from the rate they had learnt together.
    this.#settings.fallback.keepToShare(this.#processes, this.#rate);
    this.#settings.onStoreStatus?.(event);
    this.#pumpSleep?.abort();
    if (!this.#pumping) this.#handOver();
    this.#scheduleRecheck();
  }

  /** The calls waiting for Redis wait at the fallback instead, in the same order, until Redis answers again. */
  #handOver(): void {
    for (const waiter of this.#queue.takeAll()) this.#waitAtFallback(waiter);
  }

  #waitAtFallback(waiter: Waiter): void {
    // Aborted by the caller's signal, or by the gate when Redis is back: the call then waits for Redis again.
    const pullBack = new AbortController();
    const unlink = waiter.limits.signal ? onAbort(waiter.limits.signal, () => pullBack.abort()) : () => {};
    const turn = this.#enterFallback({ ...waiter.limits, signal: pullBack.signal });
    if (turn === undefined) {
      unlink();
      waiter.settle(undefined);
      return;
    }
    this.#atFallback.add(pullBack);
    void turn.then((refusal) => {
      unlink();
      this.#atFallback.delete(pullBack);
      if (refusal?.kind === 'aborted' && !waiter.limits.signal?.aborted && !this.#usingFallback) {
        this.#queue.add(waiter);
        void this.#pump();
        return;
      }
      waiter.settle(refusal);
    });
  }

  #scheduleRecheck(): void {
    setTimeout(() => this.#recheck(), RECHECK_MS).unref?.();
  }

  /** While on the fallback, Redis is asked every second whether it answers again. */
  #recheck(): void {
    if (this.#rechecking || !this.#usingFallback) return;
    this.#rechecking = true;
    void this.#bounded(RELEASE.run(this.#settings.client, this.#keys, ['recheck', 'x'])).then((outcome) => {
      this.#rechecking = false;
      if (outcome.kind !== 'answer') {
        this.#scheduleRecheck();
        return;
      }
      const [pauseMs, , , redisNow] = outcome.reply as ReleaseReply;
      this.#offset = redisNow - this.#settings.now();
      this.#usingFallback = false;
      this.#settings.onStoreStatus?.({ type: 'recovered' });
      if (pauseMs > 0) this.#pauseSeen(pauseMs);
      // The calls still waiting at the fallback come back to wait for Redis.
      for (const pullBack of this.#atFallback) pullBack.abort();
    });
  }

  #synced(redisNow: number, rate10: number): void {
    this.#offset = redisNow - this.#settings.now();
    this.#rate = rate10 > 0 ? rate10 / 10 : undefined;
  }

  /** A pause seen (here, or set by another process): the gate closes, and calls that cannot wait it out learn now. */
  #pauseSeen(pauseMs: number): void {
    const now = this.#settings.now();
    const until = now + pauseMs;
    if (until <= this.#pausedUntil + SAME_PAUSE_MS) return;
    this.#pausedUntil = until;
    this.#closed = true;
    this.#emit('closed', pauseMs);
    this.#queue.refuse((limits) => this.#refusalFor(limits, now));
  }

  #refusalFor(limits: WaitLimits, now: number): GateRefusal | undefined {
    const pause = this.#pausedUntil - now;
    if (pause > 0 && (pause > limits.maxPauseMs || now + pause > limits.deadline)) {
      return { kind: 'closed', retryAfterMs: Math.ceil(pause) };
    }
    return undefined;
  }

  /** Sleeps in the pump; a wakeable sleep ends early when an attempt's end frees a slot or the gate falls back. */
  async #sleep(ms: number, wakeable: boolean): Promise<void> {
    const controller = new AbortController();
    if (wakeable) this.#pumpSleep = controller;
    try {
      await this.#settings.sleep(Math.max(1, ms), controller.signal);
    } catch {
      // Woken early: the loop asks Redis again.
    } finally {
      if (this.#pumpSleep === controller) this.#pumpSleep = undefined;
    }
  }

  #emit(type: GateEvent['type'], retryAfterMs: number): void {
    this.#settings.onRateLimit?.({
      type,
      retryAfterMs,
      requestsPerSecond: this.#rate,
      waiting: this.#queue.length,
    });
  }
}
