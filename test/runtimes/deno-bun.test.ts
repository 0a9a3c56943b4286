import { EMULATOR_API_KEY, startTmdbEmulator, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { consumerProject, jsonResult, runCommand, runtimeBinary, type ConsumerProject } from './runtime-project';

// Deno and Bun run the package as installed, resolving it with their own export conditions (deno, bun): the
// fetch build, which loads no Node built-in. Each runtime runs the consumer smoke against the emulator, and its
// own module graph tool must show no Node built-in in what it loads.
let emulator: TmdbEmulator;
let project: ConsumerProject;

beforeAll(async () => {
  emulator = await startTmdbEmulator();
  project = consumerProject();
});

afterAll(async () => {
  await emulator.close();
  project.remove();
});

const QUIET = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };

function expectSmokePassed(result: unknown) {
  expect(result).toEqual({
    requestToken: expect.any(String),
    expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    guestSessionId: expect.any(String),
    refusal: { name: 'TmdbApiError', code: 'request_token_not_approved', tmdbCode: 17, httpStatus: 401 },
  });
  const { guestSessionId } = result as { guestSessionId: string };
  expect(emulator.hasGuestSession(guestSessionId)).toBe(true);
  expect(emulator.violations).toEqual([]);
}

describe('Deno', () => {
  it('creates a request token and a guest session against the emulator, with network access to loopback only', async () => {
    const deno = runtimeBinary('deno');
    // No --allow-env, --allow-sys or --allow-read: the package needs none of them.
    const args = ['run', '--no-prompt', '--no-lock', '--allow-net=127.0.0.1', 'cli-main.mjs'];
    const finished = await runCommand(deno, [...args, emulator.baseUrl, EMULATOR_API_KEY], {
      cwd: project.dir,
      env: QUIET,
    });
    expectSmokePassed(jsonResult(finished));
  }, 30_000);

  it('loads no Node built-in: deno info lists none in the module graph', async () => {
    const finished = await runCommand(runtimeBinary('deno'), ['info', '--json', '--no-lock', 'cli-main.mjs'], {
      cwd: project.dir,
      env: QUIET,
    });
    const graph = jsonResult(finished) as {
      modules: { specifier: string; dependencies?: { code?: { specifier: string } }[] }[];
    };
    const loaded = graph.modules.flatMap((module) => [
      module.specifier,
      ...(module.dependencies ?? []).flatMap((dependency) => dependency.code?.specifier ?? []),
    ]);
    expect(loaded).toContainEqual(expect.stringMatching(/dist\/portable\/index\.mjs$/));
    expect(loaded.filter((specifier) => specifier.startsWith('node:') || isBuiltin(specifier))).toEqual([]);
  }, 30_000);
});

describe('Bun', () => {
  it('creates a request token and a guest session against the emulator', async () => {
    const finished = await runCommand(runtimeBinary('bun'), ['cli-main.mjs', emulator.baseUrl, EMULATOR_API_KEY], {
      cwd: project.dir,
      env: QUIET,
    });
    expectSmokePassed(jsonResult(finished));
  }, 30_000);

  it('loads no Node built-in: bun build for Bun leaves no import of one', async () => {
    const outfile = path.join(project.dir, 'bun-bundle.js');
    const finished = await runCommand(
      runtimeBinary('bun'),
      ['build', 'cli-main.mjs', '--target=bun', '--format=esm', `--outfile=${outfile}`],
      { cwd: project.dir, env: QUIET },
    );
    expect(finished.stderr).toBe('');
    expect(finished.status).toBe(0);
    const code = readFileSync(outfile, 'utf8');
    const imported = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map(
      (match) => match[1] as string,
    );
    expect(code).toMatch(/dist\/portable\//);
    expect(imported.filter((specifier) => isBuiltin(specifier))).toEqual([]);
  }, 30_000);
});
