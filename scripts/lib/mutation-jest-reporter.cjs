// The jest reporter of the mutation proof (scripts/test-mutations.mjs): writes each run's results to `outputFile` in
// the format of jest's own `--json` file, which jest writes only when a run ends normally, and `--bail` ends it early;
// a reporter still hears of the end (`onRunComplete`), so a stopped run's failures are known, not guessed.
const { writeFileSync } = require('node:fs');
const { formatTestResults } = require('@jest/test-result');

module.exports = class MutationJestReporter {
  constructor(_globalConfig, { outputFile }) {
    this.outputFile = outputFile;
  }

  onRunComplete(_contexts, results) {
    writeFileSync(this.outputFile, JSON.stringify(formatTestResults(results)));
  }
};
