// The unit project's guard: a unit test never waits on real time. Timers may be set (axios arms one per request
// as its timeout, cleared when the answer comes), but one that fires fails the test, naming where it was set.
// nock's delays run on timers of nock's own, out of sight here, so they are refused outright. A suite that must
// wait on real time (a stalled server, a subprocess) belongs in test/network/.
import nock from 'nock';

const HOW =
  "inject the clock and sleep (test/helpers/fake-time.ts), use test/helpers/tmdb.ts's heldAnswer or axiosTimeout, " +
  'or move the suite to test/network/';

const interceptor = Object.getPrototypeOf(nock('http://127.0.0.1').get('/')) as Record<string, unknown>;
for (const name of ['delayBody', 'delayConnection']) {
  const real = interceptor[name] as (this: unknown, ms: number) => unknown;
  interceptor[name] = function (this: unknown, ms: number) {
    if (ms > 0) throw new Error(`A unit test asked nock for a real ${ms} ms delay: ${HOW}.`);
    return real.call(this, ms);
  };
}

const fired: string[] = [];

for (const name of ['setTimeout', 'setInterval'] as const) {
  const real = globalThis[name] as unknown as (callback: (...args: unknown[]) => void, ms?: number) => unknown;
  const guarded = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (!(Number(ms) > 0)) return Reflect.apply(real, globalThis, [callback, ms, ...args]);
    // Formatting a stack is slow (source maps) and axios arms a timer per request: format only those that fire.
    const setAt = new Error();
    const wrapped = (...callbackArgs: unknown[]) => {
      fired.push(`${name}(${ms} ms), set\n${setAt.stack?.split('\n').slice(2, 6).join('\n')}`);
      callback(...callbackArgs);
    };
    return Reflect.apply(real, globalThis, [wrapped, ms, ...args]);
  };
  // Keep what hangs off the real one (util.promisify.custom, for `promisify(setTimeout)`).
  Object.defineProperties(guarded, Object.getOwnPropertyDescriptors(real));
  Object.assign(globalThis, { [name]: guarded });
}

afterEach(() => {
  const seen = fired.splice(0);
  if (seen.length > 0) {
    throw new Error(`A real timer fired in a unit test: ${HOW}.\n${seen.join('\n')}`);
  }
});
