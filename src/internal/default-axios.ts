// The axios instance used when the caller brings none, on Node.js. Builds for other runtimes (browsers, workerd,
// Deno, Bun) swap this module for default-axios-fetch.ts (see scripts/build-portable.mjs), so that the main entry
// loads no Node built-in there. Both export the same function with the same signature.
import axios, { type AxiosInstance } from 'axios';
import http from 'node:http';
import https from 'node:https';
import type { DefaultAxiosSettings } from './transport-types';

/**
 * Keep-alive sockets, unless the rate gate is shared by several processes (at most `maxSockets` per host when
 * given), and no redirect-following layer (TMDb's auth
 * endpoints never redirect, and following one could send credentials to another host).
 */
export function createDefaultAxios(settings: DefaultAxiosSettings): AxiosInstance {
  const agentOptions: http.AgentOptions = { keepAlive: !settings.gate?.sharedAcrossProcesses };
  if (settings.maxSockets !== undefined) agentOptions.maxSockets = settings.maxSockets;
  return axios.create({
    maxRedirects: 0,
    httpAgent: new http.Agent(agentOptions),
    httpsAgent: new https.Agent(agentOptions),
    // Report axios's own timeout as ETIMEDOUT rather than the ECONNABORTED it shares with other aborts.
    transitional: { clarifyTimeoutError: true },
    // axios reads the proxy variables from the environment on every request; when none is set, saying so once
    // here saves that work per call. When one is set, axios keeps honouring it.
    ...(PROXY_VARIABLES.some((name) => process.env[name]) ? {} : { proxy: false as const }),
  });
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];
