#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STOPPED_BY_SIGNAL, type Command, type CommandContext } from './command-context';
import { approveUrlCommand } from './commands/approve-url';
import { checkKeyCommand } from './commands/check-key';
import { demoCommand } from './commands/demo';
import { emulatorCommand } from './commands/emulator';
import { guestCommand } from './commands/guest';
import { loginCommand } from './commands/login';
import { logoutCommand } from './commands/logout';
import { tokenCommand } from './commands/token';
import { usageError } from './cli-errors';
import { describeFailure, interruptedReport, type FailureReport } from './describe-failure';
import { EXIT_CODES } from './exit-codes';
import { HELP } from './help';
import { Output } from './output';
import { parseCommandLine, unknownCommand, type CommandSyntax } from './parse-args';
import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY } from '../testing/emulator-options';

/** Every command: how it runs, and what it accepts beyond the global options. */
const COMMANDS: Readonly<Record<string, CommandSyntax & { run: Command }>> = {
  help: { run: helpCommand, options: [], arguments: ['[command]'] },
  token: { run: tokenCommand, options: [], arguments: [] },
  'approve-url': { run: approveUrlCommand, options: ['redirect-to'], arguments: ['[token]'] },
  login: {
    run: loginCommand,
    options: ['username', 'interval', 'timeout', 'redirect-to', 'v4', 'callback', 'port'],
    arguments: [],
  },
  guest: { run: guestCommand, options: [], arguments: [] },
  logout: { run: logoutCommand, options: ['v4'], arguments: ['[-]'] },
  'check-key': { run: checkKeyCommand, options: [], arguments: [] },
  emulator: { run: emulatorCommand, options: ['port'], arguments: [] },
  demo: { run: demoCommand, options: ['interval'], arguments: [] },
};

// The demo credentials are printed on purpose (the emulator's banner, the README): they are not secrets, even
// when the shell holds them in TMDB_API_KEY.
const PUBLIC_VALUES: ReadonlySet<string | undefined> = new Set([EMULATOR_API_KEY, EMULATOR_ACCESS_TOKEN]);

/** Runs `tmdb-auth` with these arguments; resolves with the exit code. Never throws. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const json = argv.includes('--json');
  const secrets = [
    env['TMDB_API_KEY'],
    env['TMDB_ACCESS_TOKEN'],
    env['TMDB_PASSWORD'],
    env['TMDB_SESSION_ID'],
    env['TMDB_USER_ACCESS_TOKEN'],
  ];
  const out = new Output(
    process.stdout,
    process.stderr,
    json,
    secrets.filter((value) => !PUBLIC_VALUES.has(value)),
  );
  // A signal aborts whatever the command is doing; the command then ends, and exits 130 (SIGINT) or 143 (SIGTERM),
  // whether it failed on the abort (a request in flight) or returned (the emulator, which runs until stopped).
  const interrupt = new AbortController();
  let signalled: 'SIGINT' | 'SIGTERM' | undefined;
  const onSigint = () => stop('SIGINT');
  const onSigterm = () => stop('SIGTERM');
  const stop = (signal: 'SIGINT' | 'SIGTERM') => {
    signalled ??= signal;
    interrupt.abort();
  };
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  try {
    const args = parseCommandLine(argv, COMMANDS);
    if (args.version) {
      out.result(readVersion(), { version: readVersion() });
      return EXIT_CODES.ok;
    }
    if (args.help) return showHelp(out);
    if (args.command === undefined) {
      if (json) throw usageError('No command given.');
      process.stderr.write(HELP);
      return EXIT_CODES.usage;
    }
    // parseCommandLine has refused any command not in the table.
    const command = (COMMANDS[args.command] as (typeof COMMANDS)[string]).run;
    const context: CommandContext = {
      args,
      env,
      out,
      stdin: process.stdin,
      stderr: process.stderr,
      signal: interrupt.signal,
    };
    const ended = await command(context);
    if (signalled) {
      const interrupted = interruptedReport(signalled);
      return ended === STOPPED_BY_SIGNAL ? interrupted.exitCode : report(out, interrupted);
    }
    return EXIT_CODES.ok;
  } catch (error) {
    return report(out, signalled ? interruptedReport(signalled) : describeFailure(error));
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
}

function report(out: Output, failure: FailureReport): number {
  out.error(failure);
  return failure.exitCode;
}

/** `tmdb-auth help [command]`: the usage on stdout (one text for every command), or as JSON with `--json`. */
async function helpCommand({ out, args }: CommandContext): Promise<void> {
  const [about] = args.positionals;
  if (about !== undefined && !Object.hasOwn(COMMANDS, about)) {
    throw unknownCommand(about, Object.keys(COMMANDS));
  }
  showHelp(out);
}

function showHelp(out: Output): number {
  out.result(HELP.trimEnd(), {
    usage: HELP,
    commands: Object.keys(COMMANDS),
    exit_codes: EXIT_CODES,
  });
  return EXIT_CODES.ok;
}

function readVersion(): string {
  // dist/src/cli/main.js -> package.json, three folders up (two from src/cli when run from sources).
  for (const up of ['../../..', '../..']) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(__dirname, up, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'tmdb-auth-client' && manifest.version) return manifest.version;
    } catch {
      // Not this folder; try the next.
    }
  }
  return 'unknown';
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
