import { Redactor } from '../internal/redactor';
import type { Wording } from './cli-errors';

/**
 * Where a command writes. The result goes to stdout (plain, or one JSON object with `--json`) so scripts can
 * capture it; progress, advice and errors go to stderr and pass through a redactor that knows the credentials
 * and password in play, so no secret reaches a terminal log.
 */
export class Output {
  #redactor: Redactor;
  // For lines whose point is a token in a credential field (a v4 approval URL): only known secrets are masked.
  #valuesOnly: Redactor;
  // For what a failure quotes from outside our code (the caller's input, an unexpected error): everything masked,
  // shapes of keys and tokens included, since nothing there is meant to be shown.
  #outside: Redactor;
  readonly #stdout: NodeJS.WritableStream;
  readonly #stderr: NodeJS.WritableStream;

  constructor(
    stdout: NodeJS.WritableStream,
    stderr: NodeJS.WritableStream,
    readonly json: boolean,
    secrets: (string | undefined)[],
  ) {
    this.#stdout = stdout;
    this.#stderr = stderr;
    // Errors reaching here were redacted by the client already; what the CLI prints on purpose (a request
    // token in an approval URL, the session id `login` exists to print) must not be masked for its shape.
    this.#redactor = new Redactor(secrets, { maskIdShapes: false });
    this.#valuesOnly = new Redactor(secrets, { maskIdShapes: false, maskFields: false });
    this.#outside = new Redactor(secrets);
  }

  /** Also masks these values from now on (a password once it has been read). */
  addSecret(secret: string): void {
    this.#redactor = this.#redactor.with(secret);
    this.#valuesOnly = this.#valuesOnly.with(secret);
    this.#outside = this.#outside.with(secret);
  }

  /** A page the user must open (stderr, or stdout for a transcript), shown whole: its request token is meant for them. */
  link(text: string, stream: 'stdout' | 'stderr' = 'stderr'): void {
    (stream === 'stdout' ? this.#stdout : this.#stderr).write(`${this.#valuesOnly.redact(text)}\n`);
  }

  /** The command's result: `text` normally, `fields` as JSON with `--json`. */
  result(text: string, fields: Record<string, unknown>): void {
    this.#stdout.write(this.json ? `${JSON.stringify(fields)}\n` : `${text}\n`);
  }

  /** A line of a transcript meant for reading (stdout), such as `tmdb-auth demo` prints. */
  say(text: string): void {
    this.#stdout.write(`${this.#redactor.redact(text)}\n`);
  }

  /** A progress or advice line for the person at the terminal (stderr). */
  info(text: string): void {
    this.#stderr.write(`${this.#redactor.redact(text)}\n`);
  }

  /**
   * A failure: its message and fix on stderr, or with `--json` `{"error": {code, message, fix, exit_code}}` on
   * stdout, every field always there. Only what the message quotes from outside our code is masked: our own words
   * (the fix, always) are printed as written, so a secret that is also a word cannot blank out the advice.
   */
  error(failure: { code: string; message: Wording; fix: string; exitCode: number }): void {
    const message =
      typeof failure.message === 'string'
        ? failure.message
        : failure.message((outside) => this.#outside.redact(outside));
    const { fix } = failure;
    if (this.json) {
      const error = { code: failure.code, message, fix, exit_code: failure.exitCode };
      this.#stdout.write(`${JSON.stringify({ error })}\n`);
      return;
    }
    this.#stderr.write(`tmdb-auth: ${message}\n`);
    this.#stderr.write(`Fix: ${fix}\n`);
  }
}
