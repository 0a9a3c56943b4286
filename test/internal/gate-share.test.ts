// A gate's share of a budget is set only by the Redis store when Redis stops answering (test/redis covers that
// end to end); this test reaches into the in-process gate to state the share's rules on a fake clock.
import { AdaptiveGate, type GateEvent } from '../../src/internal/rate-gate';
import { fakeTime } from '../helpers/fake-time';

const limits = { signal: undefined, deadline: Number.POSITIVE_INFINITY, maxPauseMs: 60_000, retry: false };

function gate(options: { maxConcurrency: number; maxRequestsPerSecond?: number }) {
  const time = fakeTime();
  const events: GateEvent[] = [];
  const store = new AdaptiveGate({
    maxConcurrency: options.maxConcurrency,
    maxRequestsPerSecond: options.maxRequestsPerSecond,
    onRateLimit: (event) => events.push(event),
    now: time.now,
    sleep: time.sleep,
  });
  return { store, time, events };
}

describe("a gate keeping to one process's share of a shared budget", () => {
  it('lets through its share of the concurrency cap at once, and queues the rest', () => {
    const { store } = gate({ maxConcurrency: 8 });
    store.keepToShare(4, undefined);

    const turns = Array.from({ length: 3 }, () => store.enter(limits));

    expect(turns.slice(0, 2)).toEqual([undefined, undefined]);
    expect(turns[2]).toBeInstanceOf(Promise);
  });

  it('starts from its share of the rate the processes kept together, within its share of a set rate', () => {
    const learnt = gate({ maxConcurrency: 20 });
    learnt.store.keepToShare(4, 40);
    const capped = gate({ maxConcurrency: 20, maxRequestsPerSecond: 20 });
    capped.store.keepToShare(4, 40);

    for (const { store, time } of [learnt, capped]) {
      const sentAt = time.now();
      expect(store.enter(limits)).toBeUndefined();
      store.leave(sentAt, { kind: 'rate-limited', pauseMs: 1_000 });
    }

    // One 429 takes 10% off the rate it kept: 40 / 4 learnt, and 20 / 4 where the app set 20 a second.
    expect(learnt.events.map((event) => event.requestsPerSecond)).toEqual([9]);
    expect(capped.events.map((event) => event.requestsPerSecond)).toEqual([4.5]);
  });

  it('grows its rate from when it took its share, not from when the gate was made', async () => {
    const { store, time, events } = gate({ maxConcurrency: 20 });
    store.keepToShare(4, 40);

    const sentAt = time.now();
    expect(store.enter(limits)).toBeUndefined();
    // Queued behind the rate: the gate sleeps (on the fake clock) the 0.1 s until its turn.
    const queued = store.enter(limits);
    store.leave(sentAt, { kind: 'accepted' });
    await queued;
    store.leave(time.now(), { kind: 'rate-limited', pauseMs: 1_000 });

    // 10 a second, grown by 2 a second for 0.1 s (10.2), less 10% after the 429.
    expect(events.map((event) => event.requestsPerSecond)).toEqual([9.2]);
  });
});
