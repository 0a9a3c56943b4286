// The line of calls waiting at a gate store for a turn, shared by the in-process store and the Redis one so both
// keep the same order and the same abort handling: a retry goes to the front (it has waited longest), a call whose
// signal aborts leaves the line at once, and a call past its deadline is refused rather than let through.
import { onAbort } from './abort';
import type { GateRefusal, WaitLimits } from './gate-store';

/** A call in line: what it may wait for, and how its wait ends (`undefined`: its turn; else why not). */
export interface Waiter {
  readonly limits: WaitLimits;
  settle(refusal: GateRefusal | undefined): void;
}

export class WaitQueue {
  readonly #waiters: Waiter[] = [];
  readonly #onEmptied: () => void;

  /** `onEmptied` runs whenever a waiter leaves the line early and nobody is left in it. */
  constructor(onEmptied: () => void = () => {}) {
    this.#onEmptied = onEmptied;
  }

  get length(): number {
    return this.#waiters.length;
  }

  /** Queues a call; settles when `next` gives it its turn, when it is refused, or `aborted` by its signal. */
  wait(limits: WaitLimits): Promise<GateRefusal | undefined> {
    return new Promise((resolve) => {
      let unsubscribe = (): void => {};
      const waiter: Waiter = {
        limits,
        settle: (refusal) => {
          unsubscribe();
          resolve(refusal);
        },
      };
      if (limits.signal) {
        unsubscribe = onAbort(limits.signal, () => {
          this.#remove(waiter);
          waiter.settle({ kind: 'aborted' });
        });
      }
      this.add(waiter);
    });
  }

  /** Puts a waiter (back) in line: a retry at the front, a first attempt at the back. */
  add(waiter: Waiter): void {
    if (waiter.limits.retry) this.#waiters.unshift(waiter);
    else this.#waiters.push(waiter);
  }

  /** Takes the first waiter still within its deadline out of line; those past it are refused on the way. */
  next(now: number): Waiter | undefined {
    for (let waiter = this.#waiters.shift(); waiter; waiter = this.#waiters.shift()) {
      if (now <= waiter.limits.deadline) return waiter;
      waiter.settle({ kind: 'closed', retryAfterMs: 0 });
    }
    return undefined;
  }

  /** Refuses, and takes out of line, every waiter that `refusalFor` gives a refusal. */
  refuse(refusalFor: (limits: WaitLimits) => GateRefusal | undefined): void {
    for (const waiter of [...this.#waiters]) {
      const refusal = refusalFor(waiter.limits);
      if (refusal) {
        this.#remove(waiter);
        waiter.settle(refusal);
      }
    }
  }

  /** Takes every waiter out of line, in order. */
  takeAll(): Waiter[] {
    return this.#waiters.splice(0);
  }

  #remove(waiter: Waiter): void {
    const index = this.#waiters.indexOf(waiter);
    if (index >= 0) this.#waiters.splice(index, 1);
    if (this.#waiters.length === 0) this.#onEmptied();
  }
}
