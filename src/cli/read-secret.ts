import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, usageError, type CliErrorCode } from './cli-errors';
import type { CommandContext } from './command-context';
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

/** What `readSecretArgument` reads, and how it names it in its messages. */
export interface SecretArgument {
  /** The environment variable that may hold it. */
  envName: string;
  /** What it is, for messages: "session id", "user access token". */
  what: string;
  /** The command, for messages: "logout", "logout --v4". */
  command: string;
  /** The CLI error code when it is missing: `no_session_id`... */
  missingCode: CliErrorCode;
}

/**
 * A secret a command acts on (a session id, a user access token): from the environment variable, or from stdin
 * when the only argument is `-`; never from the command line, where shell history and `ps` would keep it.
 * @throws {CliError} (usage) when it is given as an argument (not echoed: it is most likely the secret), or not at all.
 */
export async function readSecretArgument(context: CommandContext, secret: SecretArgument): Promise<string> {
  const { envName, what, command, missingCode } = secret;
  const how = `Set ${envName}, or pass \`-\` and pipe it in: \`printenv ${envName} | tmdb-auth ${command} -\`.`;
  const [given] = context.args.positionals;
  if (given !== undefined && given !== '-') {
    throw usageError(
      `\`${command}\` takes the ${what} from ${envName} or stdin, not the command line, where \`ps\` and shell history keep it.`,
      how,
    );
  }
  if (given === '-' && !context.stdin.isTTY) context.out.info(`Reading the ${what} from standard input...`);
  const value =
    given === '-'
      ? (
          await readSecretLine(
            context,
            `${what[0]?.toUpperCase()}${what.slice(1)}: `,
            () => new CliError(`No ${what} on standard input.`, EXIT_CODES.usage, how, missingCode),
          )
        ).trim()
      : context.env[envName]?.trim() || undefined;
  if (!value) throw new CliError(`\`${command}\` needs the ${what} to delete.`, EXIT_CODES.usage, how, missingCode);
  context.out.addSecret(value);
  return value;
}
