#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command, CommandContext } from './command-context';
import { approveUrlCommand } from './commands/approve-url';
import { checkKeyCommand } from './commands/check-key';
import { demoCommand } from './commands/demo';
import { emulatorCommand } from './commands/emulator';
import { guestCommand } from './commands/guest';
import { loginCommand } from './commands/login';
import { logoutCommand } from './commands/logout';
import { tokenCommand } from './commands/token';
import { describeFailure } from './describe-failure';
import { EXIT_CODES } from './exit-codes';
import { HELP } from './help';
import { Output } from './output';
import { parseCommandLine, type CommandOption } from './parse-args';

/** Every command, and the options it takes beyond the global ones. */
const COMMANDS: Readonly<Record<string, { run: Command; options: readonly CommandOption[] }>> = {
  token: { run: tokenCommand, options: [] },
  'approve-url': { run: approveUrlCommand, options: ['redirect-to'] },
  login: { run: loginCommand, options: ['username', 'interval', 'timeout', 'redirect-to', 'v4', 'callback', 'port'] },
  guest: { run: guestCommand, options: [] },
  logout: { run: logoutCommand, options: ['v4'] },
  'check-key': { run: checkKeyCommand, options: [] },
  emulator: { run: emulatorCommand, options: ['port'] },
  demo: { run: demoCommand, options: ['interval'] },
};

const COMMAND_OPTIONS = Object.fromEntries(Object.entries(COMMANDS).map(([name, { options }]) => [name, options]));

/** Runs `tmdb-auth` with these arguments; resolves with the exit code. Never throws. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const json = argv.includes('--json');
  const out = new Output(process.stdout, process.stderr, json, [
    env['TMDB_API_KEY'],
    env['TMDB_ACCESS_TOKEN'],
    env['TMDB_PASSWORD'],
    env['TMDB_USER_ACCESS_TOKEN'],
  ]);
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const args = parseCommandLine(argv, COMMAND_OPTIONS);
    if (args.version) {
      out.result(readVersion(), { version: readVersion() });
      return EXIT_CODES.ok;
    }
    if (args.help || args.command === undefined) {
      process.stdout.write(HELP);
      return args.help ? EXIT_CODES.ok : EXIT_CODES.usage;
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
    await command(context);
    return EXIT_CODES.ok;
  } catch (error) {
    const report = interrupt.signal.aborted
      ? { message: 'Interrupted.', fix: undefined, exitCode: EXIT_CODES.interrupted }
      : describeFailure(error);
    out.error(report.message, report.fix, report.exitCode);
    return report.exitCode;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
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
