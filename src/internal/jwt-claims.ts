// TMDb's v4 tokens are JWTs. The client reads a request token's `exp` to know when it expires; it never verifies
// a signature (it has no key to verify with, and TMDb does that when the token comes back).

/** The claims of a JWT, decoded and not verified; undefined when `token` is not a JWT with a JSON object payload. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[\w-]+$/.test(parts[1] ?? '')) return undefined;
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(parts[1] as string));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The `exp` claim as a date (by the issuer's clock), when the token has a numeric one. */
export function jwtExpiry(token: string): Date | undefined {
  const exp = decodeJwtClaims(token)?.['exp'];
  return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
}

// atob is in every runtime the package supports (Node 16+, browsers, workers), unlike Buffer.
function base64UrlDecode(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}
