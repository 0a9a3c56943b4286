import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { EMULATOR_ACCESS_TOKEN, EMULATOR_API_KEY } from 'tmdb-auth-client/testing';
import { PACKAGE_DIR } from './package-under-test';

export const CLI = path.join(PACKAGE_DIR, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running `tmdb-auth`, with everything it has written so far. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves when it exits. */
  readonly done: Promise<CliResult>;
  /** Resolves with the first match of `pattern` in all it has written to `stream`, including before the call. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Starts `tmdb-auth`. Only PATH and `env` reach it: no TMDB_* variable leaks in from the shell running the tests. */
export function startCli(args: string[], env: Record<string, string> = {}, stdin?: string): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'], ...env } });
  const output = { stdout: '', stderr: '' };
  const waiters: { stream: 'stdout' | 'stderr'; pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const settle = () => {
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(output[waiter.stream]);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].on('data', (chunk: Buffer) => {
      output[stream] += chunk.toString();
      settle();
    });
  }
  if (stdin !== undefined) child.stdin.end(stdin);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...output }));
  });
  return {
    child,
    done,
    waitFor(stream, pattern) {
      const waiting = new Promise<RegExpMatchArray>((resolve) => {
        waiters.push({ stream, pattern, resolve });
        settle();
      });
      const exited = done.then((result) => {
        throw new Error(`tmdb-auth exited with ${result.code} before printing ${pattern}:\n${result[stream]}`);
      });
      return Promise.race([waiting, exited]);
    },
  };
}

/** Runs `tmdb-auth` to the end, feeding it `stdin` if given. */
export function runCli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  return startCli(args, env, stdin).done;
}

/**
 * Output must never carry a secret nor a stack trace: `secrets` (by default the emulator's demo credentials,
 * which a command run against it uses) are checked in stdout and stderr alike.
 */
export function expectCleanOutput(
  result: CliResult,
  secrets: readonly string[] = [EMULATOR_API_KEY, EMULATOR_ACCESS_TOKEN],
): void {
  const all = result.stdout + result.stderr;
  for (const secret of secrets) expect(all).not.toContain(secret);
  expect(all).not.toMatch(/^\s+at /m);
}
