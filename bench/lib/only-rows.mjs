// `--only=0,2` on a benchmark's command line: the rows (by position in the script's own list) to run, for tuning one
// row at a time. A script writes its BENCHMARKS.md section only after a full run.

/** The positions `--only=` names, or undefined when it is not given (run every row). */
export function onlyRows(argv = process.argv) {
  return argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
    .map(Number);
}
