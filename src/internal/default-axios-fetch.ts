// The axios instance used when the caller brings none, outside Node.js: browsers, Cloudflare Workers (workerd),
// Deno and Bun. The portable build (scripts/build-portable.mjs) puts this module in place of default-axios.ts.
// It imports no Node built-in; the runtime's own fetch does the HTTP.
import axios, { type AxiosInstance } from 'axios';
import type { DefaultAxiosSettings } from './transport-types';

/**
 * axios's `fetch` adapter with Node's semantics as far as fetch allows: a redirect is never followed (it could
 * send credentials to another host), and a timeout is reported as `ETIMEDOUT`. `maxSockets` is ignored: the
 * runtime pools connections itself.
 */
export function createDefaultAxios(_settings: DefaultAxiosSettings): AxiosInstance {
  return axios.create({
    adapter: 'fetch',
    // With maxRedirects 0 the fetch adapter asks for `redirect: 'manual'`. Outside browsers fetch then hands
    // back the 3xx itself, as Node does; browsers hide it behind an opaque answer, which fetchNoRedirect turns
    // into a network error rather than a response with status 0.
    maxRedirects: 0,
    env: { fetch: fetchNoRedirect },
    // axios's fetch adapter always reports its timeout as ETIMEDOUT; said here too, in case that default moves.
    transitional: { clarifyTimeoutError: true },
  });
}

async function fetchNoRedirect(...args: Parameters<typeof fetch>): Promise<Response> {
  const response = await fetch(...args);
  if (response.type === 'opaqueredirect') {
    // axios maps a TypeError that mentions fetch to its ERR_NETWORK error, as it does for any failed fetch.
    throw new TypeError('fetch failed: TMDb answered with a redirect, which this client does not follow');
  }
  return response;
}
