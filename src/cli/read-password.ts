import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './cli-errors';
import { EXIT_CODES } from './exit-codes';

interface PasswordSources {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

/**
 * The user's TMDb password: `TMDB_PASSWORD`, else typed at a prompt that does not echo it, else the first line
 * of stdin when it is not a terminal (`... | tmdb-auth login --username me`). Never from the command line.
 */
export async function readPassword({ env, stdin, stderr }: PasswordSources): Promise<string> {
  const fromEnv = env['TMDB_PASSWORD'];
  if (fromEnv) return fromEnv;
  if (stdin.isTTY) stderr.write('TMDb password: ');
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
  lines.on('SIGINT', () => {
    interrupted = true;
    lines.close();
  });
  try {
    for await (const line of lines) {
      if (stdin.isTTY) stderr.write('\n');
      if (line !== '') return line;
      break;
    }
  } finally {
    lines.close();
  }
  if (interrupted) throw new CliError('Interrupted.', EXIT_CODES.interrupted);
  throw new CliError('No password given.', EXIT_CODES.usage, 'Set TMDB_PASSWORD, or type the password at the prompt.');
}
