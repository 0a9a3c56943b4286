import { EMULATOR_API_KEY, startTmdbEmulator, type TmdbEmulator } from 'tmdb-auth-client/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  bundle,
  consumerProject,
  nodeBuiltinsImportedBy,
  runtimeBinary,
  type ConsumerProject,
} from './runtime-project';

// A Cloudflare Worker in workerd itself (the npm package's binary), without the nodejs_compat flag: bundled as
// wrangler does (the workerd and worker conditions), it runs the consumer smoke against the emulator.
let emulator: TmdbEmulator;
let project: ConsumerProject;
let workerd: ChildProcess | undefined;

beforeAll(async () => {
  emulator = await startTmdbEmulator();
  project = consumerProject();
});

afterAll(async () => {
  workerd?.kill('SIGKILL');
  await emulator.close();
  project.remove();
});

// Loopback is "local" to workerd, which lets a Worker reach only public addresses unless told otherwise.
const CONFIG = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker-bundle.js")],
  compatibilityDate = "2025-06-01",
);
`;

/** Starts workerd and resolves with the port it listens on (reported on its control descriptor). */
function startWorkerd(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(runtimeBinary('workerd'), ['serve', 'config.capnp', '--control-fd=3'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    workerd = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`workerd exited with ${code} before listening:\n${output}`)));
    const control = child.stdio[3] as NodeJS.ReadableStream;
    createInterface({ input: control }).on('line', (line) => {
      const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
      if (message.event === 'listen' && message.socket === 'http' && message.port) resolve(message.port);
    });
  });
}

it('a Worker creates a request token and a guest session against the emulator', async () => {
  const { code, metafile } = await bundle(project.dir, `export { default } from './worker.mjs';`, {
    platform: 'browser',
    conditions: ['workerd', 'worker'],
  });
  expect(nodeBuiltinsImportedBy(metafile)).toEqual([]);
  writeFileSync(path.join(project.dir, 'worker-bundle.js'), code);
  writeFileSync(path.join(project.dir, 'config.capnp'), CONFIG);

  const port = await startWorkerd(project.dir);
  const query = new URLSearchParams({ baseUrl: emulator.baseUrl, apiKey: EMULATOR_API_KEY });
  const response = await fetch(`http://127.0.0.1:${port}/?${query}`);
  const text = await response.text();
  expect({ status: response.status, text }).toEqual({ status: 200, text: expect.stringContaining('guestSessionId') });

  const result = JSON.parse(text) as { guestSessionId: string; refusal: unknown };
  expect(result.refusal).toEqual({
    name: 'TmdbApiError',
    code: 'request_token_not_approved',
    tmdbCode: 17,
    httpStatus: 401,
  });
  expect(emulator.hasGuestSession(result.guestSessionId)).toBe(true);
  expect(emulator.violations).toEqual([]);
}, 30_000);
