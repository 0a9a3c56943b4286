// A server on 127.0.0.1 that answers as an attacker, or a broken proxy, would: bodies dripped a byte at a time,
// headers never sent, bodies larger than memory (streamed, never built whole), gzip bombs, redirects elsewhere,
// echoes of what it was sent, connections reset mid-body. Each test gives it one behaviour and reads what it got.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/** What the server got: one entry per request, body included (to see whether a secret reached it). */
export interface ReceivedRequest {
  method: string;
  url: string;
  body: string;
}

/** How the server answers a request; `body` is the request body, already read. */
export type HostileBehaviour = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;

export interface HostileServer {
  /** `http://127.0.0.1:<port>/3`: a `baseUrl` for the client. */
  baseUrl: string;
  /** `127.0.0.1:<port>`: the host a redirect to this server names. */
  host: string;
  /** Every request it got, in order. */
  received: ReceivedRequest[];
  /** Stops the server and drops its open connections. */
  close(): Promise<void>;
}

const servers = new Set<HostileServer>();

/** Starts a server with `behaviour` on 127.0.0.1; `closeHostileServersAfterEach()` closes it. */
export async function startHostileServer(behaviour: HostileBehaviour): Promise<HostileServer> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: request.method ?? '', url: request.url ?? '', body });
      behaviour(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const hostile: HostileServer = {
    baseUrl: `http://127.0.0.1:${port}/3`,
    host: `127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        servers.delete(hostile);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.add(hostile);
  return hostile;
}

/** Registers the `afterEach` that closes every server started in the test. */
export function closeHostileServersAfterEach(): void {
  afterEach(async () => {
    await Promise.all([...servers].map((server) => server.close()));
  });
}

/** TMDb's answer to `createRequestToken`, 113 bytes of valid JSON. */
export const TOKEN_ANSWER = JSON.stringify({
  success: true,
  expires_at: '2030-01-01 00:00:00 UTC',
  request_token: 'ff5c7eeb5a8870efe3cd7fc5c282cffd26800ecd',
});

/** Headers at once (with the body's length), then `body` one byte every `intervalMs`. */
export function slowDrip(body: string, intervalMs: number): HostileBehaviour {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.flushHeaders();
    let next = 0;
    const timer = setInterval(() => {
      if (response.destroyed || next >= body.length) {
        clearInterval(timer);
        if (!response.destroyed) response.end();
        return;
      }
      response.write(body[next]);
      next += 1;
    }, intervalMs);
    response.on('close', () => clearInterval(timer));
  };
}

/** Reads the request and never answers: no status line, no headers. */
export function silence(): HostileBehaviour {
  return () => {};
}

/**
 * A 200 whose body is `totalBytes` of spaces, streamed in 64 KiB chunks as the socket drains, without a
 * `Content-Length` (so only counting can stop it). Never held in memory whole; `progress.sent` counts what left.
 */
export function hugeBody(totalBytes: number, progress: { sent: number } = { sent: 0 }): HostileBehaviour {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    const pump = (): void => {
      while (sent < totalBytes && !response.destroyed) {
        const size = Math.min(chunk.length, totalBytes - sent);
        sent += size;
        progress.sent += size;
        if (!response.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
}

let bomb: { inflatedBytes: number; gzip: Buffer } | undefined;

/** `inflatedBytes` of spaces, gzipped (300 MB make about 300 kB); built once per test file, in chunks. */
export function gzipBombOf(inflatedBytes: number): Buffer {
  if (bomb?.inflatedBytes === inflatedBytes) return bomb.gzip;
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  const gzip = zlib.gzipSync(spaces, { level: 9 });
  // A gzip member of 1 MiB of spaces, repeated: gzip readers inflate concatenated members one after another.
  const members = Math.ceil(inflatedBytes / spaces.length);
  bomb = { inflatedBytes, gzip: Buffer.concat(Array.from({ length: members }, () => gzip)) };
  return bomb.gzip;
}

/** A 200 with `Content-Encoding: gzip` whose body inflates to `inflatedBytes`. */
export function gzipBomb(inflatedBytes: number): HostileBehaviour {
  const body = gzipBombOf(inflatedBytes);
  return (_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': body.length,
    });
    response.end(body);
  };
}

/** A redirect to `location`, with a TMDb-looking body. */
export function redirectTo(location: string, status = 307): HostileBehaviour {
  return (_request, response) => {
    response.writeHead(status, { location, 'content-type': 'application/json' });
    response.end('{"success":true}');
  };
}

/** A TMDb-shaped error (401, code 30) whose message quotes the request body back, JSON-escaped into the JSON. */
export function echoBody(): HostileBehaviour {
  return (request, response, body) => {
    const message = `Invalid username and/or password: you sent ${JSON.stringify(body)} to ${request.url ?? ''}`;
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ success: false, status_code: 30, status_message: message }));
  };
}

/**
 * Headers and the first `bytes` of a body that claims more, then the connection ended: reset (RST) with
 * `how: 'reset'`, closed (FIN) with `how: 'close'`.
 */
export function cutMidBody(bytes: number, how: 'reset' | 'close'): HostileBehaviour {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000 });
    response.write(TOKEN_ANSWER.slice(0, bytes), () => {
      setTimeout(() => (how === 'reset' ? response.socket?.resetAndDestroy() : response.socket?.destroy()), 10);
    });
  };
}
