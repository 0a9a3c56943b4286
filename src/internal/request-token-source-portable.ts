// request-token-source.ts's twin for every runtime but Node (the portable build puts it in its place): a store
// that shares tokens between processes is Node-only, so here a client always keeps a cache of its own.
import type { RequestToken } from '../models';
import type { GateStore, RequestTokenSource } from './gate-store';
import { RequestTokenCache } from './request-token-cache';

export function requestTokenSource(
  _gate: GateStore | undefined,
  create: () => Promise<RequestToken>,
  now: () => number,
  marginMs: number,
): RequestTokenSource {
  return new RequestTokenCache(create, now, marginMs);
}
