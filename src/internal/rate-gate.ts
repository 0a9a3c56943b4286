// The rate gate: every attempt of every call on a client (or on every client sharing the gate) passes through it.
// It holds three limits, all on the injected clock and sleep so tests need no real timer:
// - a concurrency window, at most `maxConcurrency`: it starts small and grows by one per window of answers
//   (additive increase), and halves when TMDb answers 429 (multiplicative decrease), as TCP's congestion window;
// - a pause: a 429 closes the gate for every call until its Retry-After (or the backoff) has passed, and it then
//   reopens with one probe at a time until two answers come back good;
// - a request rate: `maxRequestsPerSecond` when set, and otherwise a rate learnt from the 429s (the answers TMDb
//   accepted in the second before one, when no pause cut into that second, less 10%; a later 429 takes 10% off
//   again), which then grows by two requests a second while calls queue.
// One loop (`#pump`) releases waiters and is the only thing that sleeps, so a fake clock sees one wait at a time.
import type { AttemptResult, GateRefusal, GateStore, WaitLimits } from './gate-store';
import { WaitQueue } from './wait-queue';

/** The limits a gate keeps when its options leave them out (`DEFAULT_OPTIONS` shows them to users). */
export const GATE_DEFAULTS = {
  // TMDb's connection cap per IP address.
  maxConcurrency: 20,
  // None: TMDb publishes no fixed number; the gate learns the rate from 429s.
  maxRequestsPerSecond: undefined as number | undefined,
} as const;

/** What the gate tells `onRateLimit`. */
export interface GateEvent {
  type: 'closed' | 'reopened';
  retryAfterMs: number;
  requestsPerSecond: number | undefined;
  waiting: number;
}

export interface GateSettings {
  maxConcurrency: number;
  maxRequestsPerSecond: number | undefined;
  onRateLimit: ((event: GateEvent) => void) | undefined;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const INITIAL_WINDOW = 4;
const PROBES = 2;
const DECREASE = 0.9;
const INCREASE_PER_SECOND = 2;
const MIN_RATE = 1;
// A rate is learnt only from a second with at least this many accepted answers; fewer say nothing about the limit.
const MIN_SAMPLE = 5;
const SLOT_MS = 100;
const SLOTS = 10;

/** The in-process gate store: the default, and the fallback of a shared store while that store does not answer. */
export class AdaptiveGate implements GateStore {
  readonly #settings: GateSettings;
  // Nobody left waiting: the pump's sleep has nobody to wake for.
  readonly #queue = new WaitQueue(() => this.#pumpSleep?.abort());
  #inFlight = 0;
  #window: number;
  #rate: number;
  #nextSendAt = 0;
  #pausedUntil = 0;
  #probing = 0;
  #lastDecreaseAt = Number.NEGATIVE_INFINITY;
  #lastGrowthAt = 0;
  #closed = false;
  // The part of the configured limits this gate keeps to: 1, or 1/N as the fallback of a store N processes shared.
  #share = 1;
  #pumping = false;
  #pumpSleep: AbortController | undefined;
  // Answers accepted per 100 ms slot over the last second, for the rate estimate.
  readonly #slotIds = new Array<number>(SLOTS).fill(-1);
  readonly #slotCounts = new Array<number>(SLOTS).fill(0);

  constructor(settings: GateSettings) {
    this.#settings = settings;
    this.#window = Math.min(INITIAL_WINDOW, settings.maxConcurrency);
    this.#rate = settings.maxRequestsPerSecond ?? Number.POSITIVE_INFINITY;
  }

  get maxConcurrency(): number {
    return this.#settings.maxConcurrency;
  }

  get now(): () => number {
    return this.#settings.now;
  }

  /** How long the gate stays closed from now; 0 when open. */
  pauseRemainingMs(): number {
    return Math.max(0, this.#pausedUntil - this.#settings.now());
  }

  /**
   * Keeps to one process's share of a budget `processes` processes shared (the fallback of a shared store): the
   * concurrency cap and any set rate divided among them, starting from their share of `sharedRate`, the rate they
   * last kept together, when there was one.
   */
  keepToShare(processes: number, sharedRate: number | undefined): void {
    this.#share = 1 / Math.max(1, processes);
    this.#window = Math.min(this.#window, this.#maxConcurrency());
    const start = sharedRate === undefined ? this.#rate : Math.max(MIN_RATE, sharedRate * this.#share);
    this.#rate = Math.min(this.#ceiling(), start);
    // The rate grows with the time since it last grew: from now, not from the gate's creation.
    this.#lastGrowthAt = this.#settings.now();
  }

  #maxConcurrency(): number {
    return Math.max(1, Math.floor(this.#settings.maxConcurrency * this.#share));
  }

  #ceiling(): number {
    const { maxRequestsPerSecond } = this.#settings;
    return maxRequestsPerSecond === undefined ? Number.POSITIVE_INFINITY : maxRequestsPerSecond * this.#share;
  }

  /** Waits for a turn. Resolves `undefined` when the call may send, or with why it may not. */
  enter(limits: WaitLimits): Promise<GateRefusal | undefined> | undefined {
    if (limits.signal?.aborted) return Promise.resolve({ kind: 'aborted' });
    // The fast path: nothing queued, the gate open, room in the window, no rate to keep.
    if (this.#queue.length === 0 && this.#mayStart(this.#settings.now())) {
      this.#start(this.#settings.now());
      return undefined;
    }
    const refusal = this.#refusalFor(limits, this.#settings.now());
    if (refusal) return Promise.resolve(refusal);
    const turn = this.#queue.wait(limits);
    void this.#pump();
    return turn;
  }

  /** Reports how an attempt let through by `enter` ended. `sentAt` is when it was let through. */
  leave(sentAt: number, result: AttemptResult): void {
    const now = this.#settings.now();
    this.#inFlight -= 1;
    if (result.kind === 'accepted') this.#accepted(now);
    else if (result.kind === 'rate-limited') this.#rateLimited(sentAt, now, result.pauseMs);
    if (this.#queue.length > 0) void this.#pump();
  }

  #accepted(now: number): void {
    const slot = Math.floor(now / SLOT_MS);
    const index = slot % SLOTS;
    if (this.#slotIds[index] !== slot) {
      this.#slotIds[index] = slot;
      this.#slotCounts[index] = 0;
    }
    this.#slotCounts[index] = (this.#slotCounts[index] as number) + 1;
    if (this.#probing > 0) {
      this.#probing -= 1;
      return;
    }
    this.#window = Math.min(this.#maxConcurrency(), this.#window + 1 / this.#window);
    // The learnt rate grows only while calls queue for it: an idle client learns nothing about the limit.
    if (Number.isFinite(this.#rate) && this.#queue.length > 0) {
      this.#rate = Math.min(this.#ceiling(), this.#rate + (INCREASE_PER_SECOND * (now - this.#lastGrowthAt)) / 1000);
    }
    this.#lastGrowthAt = now;
  }

  #rateLimited(sentAt: number, now: number, pauseMs: number): void {
    // The count of a second that a pause cut into says how long the gate was closed, not what TMDb accepts.
    const fullSecond = now - this.#pausedUntil >= 1000;
    const until = now + pauseMs;
    const extended = until > this.#pausedUntil;
    if (extended) this.#pausedUntil = until;
    // Answers to requests sent before the last decrease belong to the same burst: one decrease per burst.
    if (sentAt >= this.#lastDecreaseAt) {
      this.#lastDecreaseAt = now;
      this.#window = Math.max(1, Math.floor(this.#window / 2));
      const accepted = this.#acceptedInLastSecond(now);
      const estimate = fullSecond && accepted >= MIN_SAMPLE ? Math.min(this.#rate, accepted) : this.#rate;
      if (Number.isFinite(estimate)) this.#rate = Math.max(MIN_RATE, estimate * DECREASE);
      this.#lastGrowthAt = until;
    }
    this.#probing = PROBES;
    if (!extended) return;
    this.#closed = true;
    this.#emit('closed', pauseMs);
    // Calls that cannot wait this long learn it now rather than at the end of the pause.
    this.#queue.refuse((limits) => this.#refusalFor(limits, now));
    this.#pumpSleep?.abort();
  }

  #acceptedInLastSecond(now: number): number {
    const current = Math.floor(now / SLOT_MS);
    let sum = 0;
    for (let i = 0; i < SLOTS; i++) {
      if ((this.#slotIds[i] as number) > current - SLOTS) sum += this.#slotCounts[i] as number;
    }
    return sum;
  }

  #refusalFor(limits: WaitLimits, now: number): GateRefusal | undefined {
    const pause = this.#pausedUntil - now;
    if (pause > 0 && (pause > limits.maxPauseMs || now + pause > limits.deadline)) {
      return { kind: 'closed', retryAfterMs: pause };
    }
    // With a rate to keep, the turn of a call at the back of the queue can be foreseen.
    if (Number.isFinite(this.#rate) && Number.isFinite(limits.deadline)) {
      const ahead = limits.retry ? 0 : this.#queue.length;
      const turn = Math.max(now, this.#pausedUntil, this.#nextSendAt) + (ahead * 1000) / this.#rate;
      if (turn > limits.deadline) return { kind: 'closed', retryAfterMs: Math.ceil(turn - now) };
    }
    return undefined;
  }

  #mayStart(now: number): boolean {
    if (now < this.#pausedUntil) return false;
    const window = this.#probing > 0 ? 1 : Math.floor(this.#window);
    if (this.#inFlight >= window) return false;
    return !Number.isFinite(this.#rate) || now >= this.#nextSendAt;
  }

  #start(now: number): void {
    if (this.#closed) {
      this.#closed = false;
      this.#emit('reopened', 0);
    }
    this.#inFlight += 1;
    if (Number.isFinite(this.#rate)) this.#nextSendAt = Math.max(now, this.#nextSendAt) + 1000 / this.#rate;
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const now = this.#settings.now();
        const waitMs = Math.max(this.#pausedUntil, Number.isFinite(this.#rate) ? this.#nextSendAt : 0) - now;
        if (waitMs > 0) {
          await this.#sleep(waitMs);
          continue;
        }
        if (!this.#mayStart(now)) return; // the window is full: `leave` pumps again
        const waiter = this.#queue.next(now);
        if (!waiter) return;
        this.#start(now);
        waiter.settle(undefined);
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #sleep(ms: number): Promise<void> {
    const controller = new AbortController();
    this.#pumpSleep = controller;
    try {
      await this.#settings.sleep(ms, controller.signal);
      // A sleep that ran its course is the authority that the time has passed, even on a clock that lags it (a
      // coarse timer, a frozen test clock); one woken early by a new pause is not.
      if (!controller.signal.aborted) {
        const now = this.#settings.now();
        this.#pausedUntil = Math.min(this.#pausedUntil, now);
        this.#nextSendAt = Math.min(this.#nextSendAt, now);
      }
    } catch {
      // Woken early: the pause changed or nobody waits any more; the loop looks again.
    } finally {
      this.#pumpSleep = undefined;
    }
  }

  #emit(type: GateEvent['type'], retryAfterMs: number): void {
    const rate = this.#rate;
    this.#settings.onRateLimit?.({
      type,
      retryAfterMs,
      requestsPerSecond: Number.isFinite(rate) ? Math.round(rate * 10) / 10 : undefined,
      waiting: this.#queue.length,
    });
  }
}

/** The store behind each public `RateGate`, kept out of its public shape. */
export const GATES = new WeakMap<object, GateStore>();
