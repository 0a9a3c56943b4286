// A loopback HTTP server that answers TMDb's auth routes with fixed bodies, and counts what it was asked.
// It holds no state and validates nothing, so a benchmark measures the clients, not the server's logic.
import http from 'node:http';

// The expiry is far in the future so any client that caches tokens would keep it; clients under test that
// cache (moviedb-promise) have their cache cleared before each call instead.
const TOKEN = JSON.stringify({
  success: true,
  expires_at: '2099-01-01 00:00:00 UTC',
  request_token: 'ff5c7eeb5a8870efe3cd7fc5c282cffd26800ecd',
});

const ROUTES = {
  'GET /3/authentication/token/new': TOKEN,
};

/** Starts the server on 127.0.0.1 at a free port. */
export async function startCannedServer({ latencyMs = 0 } = {}) {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const body = ROUTES[`${req.method} ${req.url.split('?')[0]}`];
    const send = () => {
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"success":false,"status_code":34,"status_message":"The resource you requested could not be found."}');
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json;charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    if (latencyMs > 0) setTimeout(send, latencyMs);
    else send();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}/3`,
    get requests() {
      return requests;
    },
    resetCount() {
      requests = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
