// The order the mutation proof (scripts/test-mutations.mjs) runs the contract suite's files in, with `--bail`: a file
// that failed on the previous mutation first (the same kind of drift is often caught by the same file), then the
// quickest first. Jest's own order runs the slowest first, which is right for a full run on many workers and wrong
// for one that stops at its first failing file.
const Sequencer = require('@jest/test-sequencer').default;

class FastestFirstSequencer extends Sequencer {
  sort(tests) {
    const ranked = tests.map((test) => ({
      test,
      failed: this.hasFailed(test) ? 0 : 1,
      duration: this.time(test) ?? Number.POSITIVE_INFINITY,
    }));
    ranked.sort((a, b) => a.failed - b.failed || a.duration - b.duration || a.test.path.localeCompare(b.test.path));
    return ranked.map(({ test }) => test);
  }
}

module.exports = FastestFirstSequencer;
