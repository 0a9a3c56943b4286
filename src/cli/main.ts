#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usageError } from './cli-errors';
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
import { parseCommandLine } from './parse-args';

const COMMANDS: Readonly<Record<string, Command>> = {
  token: tokenCommand,
  'approve-url': approveUrlCommand,
  login: loginCommand,
  guest: guestCommand,
  logout: logoutCommand,
  'check-key': checkKeyCommand,
  emulator: emulatorCommand,
  demo: demoCommand,
};

/** Runs `tmdb-auth` with these arguments; resolves with the exit code. Never throws. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const json = argv.includes('--json');
  const out = new Output(process.stdout, process.stderr, json, [
    env['TMDB_API_KEY'],
    env['TMDB_ACCESS_TOKEN'],
    env['TMDB_PASSWORD'],
  ]);
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const args = parseCommandLine(argv);
    if (args.version) {
      out.result(readVersion(), { version: readVersion() });
      return EXIT_CODES.ok;
    }
    if (args.help || args.command === undefined) {
      process.stdout.write(HELP);
      return args.help ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const command = COMMANDS[args.command];
    if (!command) throw usageError(`Unknown command \`${args.command}\`.`);
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
