// What the runtime tests share: a scratch consumer project that has the package under test in its node_modules
// (the repository's dist/, or the copy the consumer install test installed), esbuild to bundle it as an app
// would, the runtimes' binaries from node_modules/.bin, and a child process runner with a time limit.
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_DIR } from '../helpers/package-under-test';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');

export interface ConsumerProject {
  dir: string;
  remove(): void;
}

/** A scratch ES module project with test/runtimes/fixtures/ copied in and the package under test linked in. */
export function consumerProject(): ConsumerProject {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tmdb-runtime-'));
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "runtime-consumer", "private": true, "type": "module" }\n');
  mkdirSync(path.join(dir, 'node_modules'));
  // Linked, so resolvers find the package's own dependencies (axios) next to its real location.
  symlinkSync(PACKAGE_DIR, path.join(dir, 'node_modules', 'tmdb-auth-client'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Bundle {
  code: string;
  metafile: Metafile;
}

/** Bundles `source` (code written in `dir`) as an app would, into memory. Rejects as esbuild does. */
export async function bundle(dir: string, source: string, options: BuildOptions): Promise<Bundle> {
  const result = await build({
    stdin: { contents: source, resolveDir: dir, sourcefile: 'app.mjs', loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  return { code: result.outputFiles?.[0]?.text ?? '', metafile: result.metafile as Metafile };
}

/** The Node built-ins a bundle still imports (esbuild leaves them as imports only when told they are external). */
export function nodeBuiltinsImportedBy(metafile: Metafile): string[] {
  return Object.values(metafile.outputs)
    .flatMap((output) => output.imports)
    .map((entry) => entry.path)
    .filter((specifier) => isBuiltin(specifier));
}

/** The packages a bundle took code from (files tree-shaking dropped whole do not count). */
export function packagesIn(metafile: Metafile): string[] {
  const packageDir = realpathSync(PACKAGE_DIR) + path.sep;
  const names = Object.values(metafile.outputs)
    .flatMap((output) => Object.entries(output.inputs))
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => file)
    .map((file) => path.resolve(file))
    .map((file) => {
      const inside = file.startsWith(packageDir) ? file.slice(packageDir.length) : undefined;
      const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(inside ?? file)?.[1];
      return dependency ?? (inside === undefined ? undefined : 'tmdb-auth-client');
    })
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)].sort();
}

/** A binary an npm dev dependency ships (deno, bun, workerd); fails with how to get it when it is missing. */
export function runtimeBinary(name: 'deno' | 'bun' | 'workerd'): string {
  const file = path.join(REPO_DIR, 'node_modules', '.bin', name);
  if (!existsSync(file)) {
    throw new Error(
      `${name} is not installed: it comes with the "${name}" dev dependency (its binary is in an optional ` +
        'dependency for this platform). Run `npm ci`; if this platform has no binary, the runtime tests cannot run here.',
    );
  }
  return file;
}

export interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (or kills it after `timeoutMs`); never rejects for a non-zero exit. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${options.timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A command's output (or its last line) parsed as JSON; fails with everything it printed when that is not JSON. */
export function jsonResult(finished: Finished): unknown {
  const output = finished.stdout.trim();
  try {
    if (finished.status !== 0) throw new Error(`exit status ${finished.status}`);
    return output.startsWith('{\n') ? JSON.parse(output) : JSON.parse(output.split('\n').pop() ?? '');
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstdout:\n${finished.stdout}\nstderr:\n${finished.stderr}`);
  }
}
