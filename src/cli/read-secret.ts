import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './cli-errors';
import { EXIT_CODES } from './exit-codes';

interface SecretSources {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** Stops the wait for a line (Ctrl-C or SIGTERM outside a terminal prompt). */
  signal?: AbortSignal;
}

/**
 * The user's TMDb password: `TMDB_PASSWORD`, else typed at a prompt that does not echo it, else the first line
 * of stdin when it is not a terminal (`... | tmdb-auth login --username me`). Never from the command line.
 */
export async function readPassword(sources: SecretSources): Promise<string> {
  const fromEnv = sources.env['TMDB_PASSWORD'];
  if (fromEnv) return fromEnv;
  return readSecretLine(
    sources,
    'TMDb password: ',
    () =>
      new CliError(
        'No password given.',
        EXIT_CODES.usage,
        'Set TMDB_PASSWORD, or type the password at the prompt.',
        'no_password',
      ),
  );
}

/**
 * The first line of stdin, as a secret: a terminal is prompted with `prompt` and does not echo what is typed; a
 * pipe is read as it is. The line comes back as typed (a password may start or end with a space). Throws
 * `missing()` when the line is empty or stdin ends first.
 */
export async function readSecretLine(
  { stdin, stderr, signal }: SecretSources,
  prompt: string,
  missing: () => CliError,
): Promise<string> {
  if (stdin.isTTY) stderr.write(prompt);
  let muted = false;
  const echo = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) stderr.write(chunk);
      done();
    },
  });
  const lines = createInterface({ input: stdin, output: echo, terminal: stdin.isTTY === true });
  muted = true;
  // A terminal readline swallows Ctrl-C (it only pauses without a listener), which would leave the prompt hanging.
  let interrupted = false;
  const stop = () => {
    interrupted = true;
    lines.close();
  };
  lines.on('SIGINT', stop);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of lines) {
      if (stdin.isTTY) stderr.write('\n');
      if (line !== '') return line;
      break;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    lines.close();
  }
  if (interrupted) throw new CliError('Interrupted.', EXIT_CODES.interrupted, 'Run the command again.', 'interrupted');
  throw missing();
}
