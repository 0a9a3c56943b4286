// The jest reporter of the mutation proof (scripts/test-mutations.mjs): writes each run's outcome to `outputFile`.
// Jest's own `--json` file is written only when a run ends normally, and `--bail` ends it early; a reporter still
// hears of the end (`onRunComplete`), so a stopped run's failures are known rather than guessed from a missing file.
const { writeFileSync } = require('node:fs');

class MutationJestReporter {
  constructor(_globalConfig, options) {
    this.outputFile = options.outputFile;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults.map((file) => ({
      path: file.testFilePath,
      failedTests: file.testResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
      // A file that could not run at all (a type error against the regenerated client, a throw at load time).
      runError: file.testExecError ? String(file.testExecError.message).split('\n')[0] : undefined,
    }));
    writeFileSync(
      this.outputFile,
      JSON.stringify({ numFailedTests: results.numFailedTests, numTotalTests: results.numTotalTests, files }),
    );
  }
}

module.exports = MutationJestReporter;
