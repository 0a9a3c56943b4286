import { parseArgs } from 'node:util';
import { usageError } from './cli-errors';

/** The command line, parsed. */
export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  baseUrl: string | undefined;
  approvalBaseUrl: string | undefined;
  json: boolean;
  help: boolean;
  version: boolean;
  username: string | undefined;
  redirectTo: string | undefined;
  port: number | undefined;
  intervalMs: number | undefined;
  timeoutMs: number | undefined;
  /** `--v4`: TMDb's v4 user authentication instead of v3's. */
  v4: boolean;
  /** `--callback`: finish the login when the browser lands on a loopback listener, instead of polling. */
  callback: boolean;
}

/** The options a command takes, beyond the global `--base-url`, `--approval-base-url`, `--json`, `--help`. */
export type CommandOption = 'username' | 'redirect-to' | 'port' | 'interval' | 'timeout' | 'v4' | 'callback';

/** What a command accepts on its command line. */
export interface CommandSyntax {
  readonly options: readonly CommandOption[];
  /** Its optional arguments, by name as the help shows them (`[token]`); any more are refused. */
  readonly arguments: readonly string[];
}

/**
 * @param commands each command's name and what it accepts
 * @throws {CliError} (usage) for an unknown command or option, an extra argument, or a bad value.
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: Readonly<Record<string, CommandSyntax>>,
): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'base-url': { type: 'string' },
        'approval-base-url': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        username: { type: 'string' },
        // Deliberately no --password: a password on the command line ends up in shell history and `ps`.
        'redirect-to': { type: 'string' },
        port: { type: 'string' },
        interval: { type: 'string' },
        timeout: { type: 'string' },
        v4: { type: 'boolean' },
        callback: { type: 'boolean' },
      },
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/--password/.test(message)) {
      throw usageError(
        'There is no --password option: a password on the command line ends up in shell history. Set TMDB_PASSWORD or type it at the prompt.',
      );
    }
    throw usageError(message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (command !== undefined) {
    const syntax = commands[command];
    if (!syntax) {
      throw usageError(`Unknown command \`${command}\`. The commands are: ${Object.keys(commands).join(', ')}.`);
    }
    for (const name of ['username', 'redirect-to', 'port', 'interval', 'timeout', 'v4', 'callback'] as const) {
      if (values[name] !== undefined && !syntax.options.includes(name)) {
        throw usageError(`\`${command}\` takes no --${name} option.`);
      }
    }
    // Never echoed: an extra argument may be a secret typed in the wrong place.
    if (rest.length > syntax.arguments.length) {
      throw usageError(
        syntax.arguments.length === 0
          ? `\`${command}\` takes no arguments; ${rest.length} given.`
          : `\`${command}\` takes at most ${syntax.arguments.length} argument (${syntax.arguments.join(' ')}); ${rest.length} given.`,
      );
    }
  }
  return {
    command,
    positionals: rest,
    baseUrl: values['base-url'],
    approvalBaseUrl: values['approval-base-url'],
    json: values.json ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    username: values.username,
    redirectTo: values['redirect-to'],
    port: values.port === undefined ? undefined : wholeNumber('--port', values.port, 65535),
    intervalMs: values.interval === undefined ? undefined : seconds('--interval', values.interval),
    timeoutMs: values.timeout === undefined ? undefined : seconds('--timeout', values.timeout),
    v4: values.v4 ?? false,
    callback: values.callback ?? false,
  };
}

function wholeNumber(option: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) throw usageError(`${option} must be a whole number from 0 to ${max}.`);
  return value;
}

function seconds(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw usageError(`${option} must be a number of seconds, more than zero.`);
  }
  return Math.round(value * 1000);
}
