// Where a client's `getValidRequestToken` keeps its tokens, on Node.js: a cache of its own, unless its rate gate's
// store shares tokens between processes (`tmdb-auth-client/redis` with `shareRequestTokens`). Builds for other
// runtimes swap this module for request-token-source-portable.ts (see scripts/build-portable.mjs), which has no
// store to ask, so that the browser bundle carries nothing of it.
import type { RequestToken } from '../models';
import type { GateStore, RequestTokenSource } from './gate-store';
import { RequestTokenCache } from './request-token-cache';

export function requestTokenSource(
  gate: GateStore | undefined,
  create: () => Promise<RequestToken>,
  now: () => number,
  marginMs: number,
): RequestTokenSource {
  return gate?.requestTokens?.(create, now, marginMs) ?? new RequestTokenCache(create, now, marginMs);
}
