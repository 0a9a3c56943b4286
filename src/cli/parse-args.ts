import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '../internal/option-validators';
import { CliError, usageError } from './cli-errors';

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

/** `name` is not a command: the error says which are, quoting `name` as the caller's (masked if a secret). */
export function unknownCommand(name: string, commands: readonly string[]): CliError {
  return usageError((outside) => `Unknown command \`${outside(name)}\`. The commands are: ${commands.join(', ')}.`);
}

const OPTIONS = {
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
} as const satisfies NonNullable<ParseArgsConfig['options']>;

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
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw inOurWords(argv, error);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (command !== undefined) {
    const syntax = commands[command];
    if (!syntax) {
      throw unknownCommand(command, Object.keys(commands));
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

/**
 * What `node:util`'s parser refused, said in our words: its own wording (and its advice about `--`) changes with
 * Node's version and speaks of "positional arguments". The parser is run again without its checks, to find the
 * word it refused; no value is ever echoed, since a value in the wrong place may be a secret.
 */
function inOurWords(argv: readonly string[], error: unknown): CliError {
  const { tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: OPTIONS,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option: { type: 'string' | 'boolean' } | undefined = Object.hasOwn(OPTIONS, token.name)
      ? OPTIONS[token.name as keyof typeof OPTIONS]
      : undefined;
    if (option === undefined) {
      if (token.name === 'password') {
        return usageError(
          'There is no --password option: a password on the command line ends up in shell history. Set TMDB_PASSWORD or type it at the prompt.',
        );
      }
      const closest = closestName(token.name, Object.keys(OPTIONS));
      return usageError(
        (outside) =>
          `Unknown option \`${outside(token.rawName)}\`.${closest === undefined ? '' : ` Did you mean \`--${closest}\`?`}`,
      );
    }
    // The strict parser takes `--port --json` for a missing value too, rather than a port named "--json".
    if (
      option.type === 'string' &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))
    ) {
      return usageError(`\`${token.rawName}\` needs a value: \`${token.rawName} <value>\`.`);
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      return usageError(`\`${token.rawName}\` is a switch and takes no value: give it alone, without \`=\`.`);
    }
  }
  // Not a case above: a parser of a later Node refusing something new. Its code says what, never a value.
  return usageError(`The command line could not be read (${(error as { code?: string }).code ?? 'unknown error'}).`);
}
