import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { portInUseError } from './cli-errors';

/** A listener on 127.0.0.1 that the approval page redirects the browser to. */
export interface LoopbackCallback {
  /** The address to give TMDb as `redirect_to`: `http://127.0.0.1:<port>/callback/<32 random hex digits>`. */
  readonly url: string;
  /**
   * Resolves with the query string of the first arrival that carries this request token, the CLI's own; until
   * then, every other arrival is answered 400 and changes nothing.
   * @param requestToken the token the user approves
   * @param tokenRequired false for v4, whose approval page may come back without `request_token` (TMDb does not
   *   document whether it adds one): then an arrival without one counts, and the unguessable path is the proof.
   */
  arrival(requestToken: string, tokenRequired: boolean): Promise<URLSearchParams>;
  close(): Promise<void>;
}

/**
 * Listens on the loopback interface for the browser's return from TMDb's approval page, the way native apps finish
 * OAuth (RFC 8252, section 7.3): no polling, the command continues the moment the browser lands. Port 0 takes any
 * free port. Only 127.0.0.1 is bound, so nothing off this machine can reach it; what runs on this machine can, so
 * the path carries a random segment it cannot guess (anything else is 404), and only an arrival with the CLI's
 * own request token ends the wait: no other local process can end or hijack a login.
 * @throws {CliError} `port_in_use` when `port` is taken.
 */
export async function listenForCallback(port = 0): Promise<LoopbackCallback> {
  const path = `/callback/${randomBytes(16).toString('hex')}`;
  let expected: { requestToken: string; tokenRequired: boolean; arrive: (query: URLSearchParams) => void } | undefined;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    const token = url.searchParams.get('request_token');
    const ours = expected !== undefined && (token === null ? !expected.tokenRequired : token === expected.requestToken);
    if (!ours) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('This is not the request token tmdb-auth is waiting for; the login goes on waiting.\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      '<!doctype html><html><head><title>tmdb-auth</title></head><body>' +
        '<p>Done: you can close this page and go back to the terminal.</p></body></html>\n',
    );
    expected?.arrive(url.searchParams);
  });
  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUseError(port, 'the --callback listener') : error);
    server.once('error', refuse);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', refuse);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${path}`,
    arrival: (requestToken, tokenRequired) =>
      new Promise<URLSearchParams>((arrive) => {
        expected = { requestToken, tokenRequired, arrive };
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
