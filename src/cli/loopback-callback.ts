import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The path the browser is sent back to. */
const CALLBACK_PATH = '/callback';

/** A listener on 127.0.0.1 that the approval page redirects the browser to. */
export interface LoopbackCallback {
  /** The address to give TMDb as `redirect_to`: `http://127.0.0.1:<port>/callback`. */
  readonly url: string;
  /** Resolves with the query string the browser arrived with, the first time it arrives. */
  readonly landed: Promise<URLSearchParams>;
  close(): Promise<void>;
}

/**
 * Listens on the loopback interface for the browser's return from TMDb's approval page, the way native apps finish
 * OAuth (RFC 8252, section 7.3): no polling, the command continues the moment the browser lands. Port 0 takes any
 * free port. Only 127.0.0.1 is bound, so nothing off this machine can reach it.
 */
export async function listenForCallback(port = 0): Promise<LoopbackCallback> {
  let arrive: (query: URLSearchParams) => void = () => undefined;
  const landed = new Promise<URLSearchParams>((resolve) => (arrive = resolve));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      '<!doctype html><html><head><title>tmdb-auth</title></head><body>' +
        '<p>Done: you can close this page and go back to the terminal.</p></body></html>\n',
    );
    arrive(url.searchParams);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${CALLBACK_PATH}`,
    landed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
