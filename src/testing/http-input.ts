import type http from 'node:http';
import type { OperationInput } from './operation-handlers';

const MAX_BODY_BYTES = 64 * 1024;

/** Decodes a path segment; a malformed escape is kept as it is. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed escapes name no token the emulator issued; the page then says the token is invalid.
    return text;
  }
}

/** The arguments of a seed GET form, from the query string. */
export function queryInput(query: URLSearchParams): OperationInput {
  return { get: (name) => query.get(name) ?? undefined };
}

/** The arguments of a JSON-body form; only string fields count, as TMDb's are all strings. */
export function bodyInput(bodyText: string): OperationInput {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return { get: (name) => (typeof fields[name] === 'string' ? fields[name] : undefined) };
}

/** The whole request body as text; over 64 kB the request is dropped (no auth request comes near it). */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error('request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
