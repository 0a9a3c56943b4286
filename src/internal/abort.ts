// Abort handling, in one place: one listener per AbortSignal however many calls share it, and the sleeps and
// races that end when a signal aborts.
//
// One AbortSignal is often shared by many concurrent calls (a page's or a request's signal). A listener per call
// on the signal itself trips Node's MaxListenersExceededWarning past ten, and costs the signal a growing list.
// Here each signal carries one listener, which fans out to the calls still waiting on it.

type Callback = () => void;

const subscribers = new WeakMap<AbortSignal, Set<Callback>>();

/**
 * Calls `onAbort` once when `signal` aborts (at once, synchronously, when it already has). Returns the function
 * that unsubscribes; call it when the work is done.
 */
export function onAbort(signal: AbortSignal, callback: Callback): () => void {
  if (signal.aborted) {
    callback();
    return noop;
  }
  let set = subscribers.get(signal);
  if (!set) {
    const created = new Set<Callback>();
    set = created;
    subscribers.set(signal, created);
    signal.addEventListener('abort', () => fire(signal, created), { once: true });
  }
  set.add(callback);
  const own = set;
  return () => {
    own.delete(callback);
  };
}

function fire(signal: AbortSignal, set: Set<Callback>): void {
  subscribers.delete(signal);
  for (const callback of [...set]) callback();
  set.clear();
}

/**
 * A signal of the attempt's own that aborts, with the same reason, when `signal` does: what the transport is
 * given, so a shared signal gets no listener per request from axios.
 */
export function linkedSignal(signal: AbortSignal): { signal: AbortSignal; unlink: () => void } {
  const controller = new AbortController();
  const unlink = onAbort(signal, () => controller.abort(signal.reason));
  return { signal: controller.signal, unlink };
}

function noop(): void {}

/** Waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : () => {};
  });
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts, whichever is first. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // The promise may reject for the same abort (a sleep must); left unhandled, that rejection would end the process.
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => reject(signal.reason));
    promise.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
