// A redis-server for the benchmark: a free loopback port, no persistence, stopped (or killed) by the bench.
// test/helpers/redis-server.ts is the tests' twin; scripts/ensure-system-binary.mjs installs redis-server when missing.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { ensureSystemBinary } from '../../scripts/ensure-system-binary.mjs';

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts redis-server on 127.0.0.1; `kill()` stops it at once (SIGKILL), as a crash would. */
export async function startRedisServer() {
  const binary = ensureSystemBinary('redis-server');
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let tries = 0; !(await accepts(port)); tries++) {
    if (tries > 200 || child.exitCode !== null) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  return { port, url: `redis://127.0.0.1:${port}`, kill };
}
