// The order the mutation proof (scripts/test-mutations.mjs) runs the contract suite's files in, with `--bail`: a file
// that failed on the previous mutation first (the same kind of drift is often caught by the same file), then the
// quickest first. Jest's own order runs the slowest first, which is right for a full run on many workers and wrong
// for one that stops at its first failing file.
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class FastestFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => [this.hasFailed(test) ? 0 : 1, this.time(test) ?? Number.POSITIVE_INFINITY];
    return [...tests].sort((a, b) => {
      const [[failedA, timeA], [failedB, timeB]] = [rank(a), rank(b)];
      return failedA - failedB || timeA - timeB || a.path.localeCompare(b.path);
    });
  }
};
