// Holds one outgoing request to the spec: method, path, parameters, request body and authentication.
import { schemaErrors } from './schema-validator';
import { jsonMedia, securityScheme, type SpecOperation } from './spec';

/** An intercepted request, as the contract mock saw it on the wire. */
export interface RecordedRequest {
  method: string;
  /** The path below the spec's server URL, without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** The raw body, '' when there was none. */
  body: string;
}

/** The credential a test configured, which every request must carry (and no other). */
export type ExpectedAuth = { apiKey: string } | { accessToken: string };

/** Everything about `request` that the spec does not allow for `operation`; empty when it conforms. */
export function requestViolations(operation: SpecOperation, request: RecordedRequest, auth: ExpectedAuth): string[] {
  const problems: string[] = [];
  if (request.method !== operation.method)
    problems.push(`method is ${request.method}, the spec says ${operation.method}`);
  if (!pathMatches(operation.path, request.path))
    problems.push(`path is ${request.path}, the spec says ${operation.path}`);
  problems.push(...parameterViolations(operation, request));
  problems.push(...bodyViolations(operation, request));
  problems.push(...authViolations(operation, request, auth));
  return problems;
}

function pathMatches(template: string, actual: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(actual);
}

function parameterViolations(operation: SpecOperation, request: RecordedRequest): string[] {
  const problems: string[] = [];
  const declared = new Set<string>();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') continue;
    if (parameter.in === 'query') declared.add(parameter.name);
    const value =
      parameter.in === 'query'
        ? request.query[parameter.name]
        : parameter.in === 'header'
          ? request.headers[parameter.name.toLowerCase()]
          : undefined;
    const where = `${parameter.in} parameter \`${parameter.name}\``;
    if (value === undefined) {
      if (parameter.required) problems.push(`required ${where} is missing`);
      continue;
    }
    if (Array.isArray(value)) {
      problems.push(`${where} is sent ${value.length} times`);
      continue;
    }
    if (parameter.schema) {
      for (const error of schemaErrors(parameter.schema, value, { coerce: true })) problems.push(`${where}: ${error}`);
    }
  }
  for (const name of securityQueryNames(operation)) declared.add(name);
  for (const name of Object.keys(request.query)) {
    if (!declared.has(name)) problems.push(`query parameter \`${name}\` is not in the spec`);
  }
  return problems;
}

function securityQueryNames(operation: SpecOperation): string[] {
  return operation.security.flatMap((requirement) =>
    Object.keys(requirement).flatMap((name) => {
      const scheme = securityScheme(name);
      return scheme.type === 'apiKey' && scheme.in === 'query' ? [scheme.name] : [];
    }),
  );
}

function bodyViolations(operation: SpecOperation, request: RecordedRequest): string[] {
  const declared = operation.requestBody;
  if (!declared) return request.body === '' ? [] : ['has a body, and the spec declares none'];
  if (request.body === '') return declared.required ? ['the required request body is missing'] : [];

  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const media = jsonMedia(declared.content);
  if (!media || !/json/.test(contentType)) {
    return [`body is sent as "${contentType}", the spec accepts ${Object.keys(declared.content).join(', ')}`];
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return ['body is not valid JSON'];
  }
  return media.schema ? schemaErrors(media.schema, body).map((error) => `request body: ${error}`) : [];
}

function authViolations(operation: SpecOperation, request: RecordedRequest, auth: ExpectedAuth): string[] {
  const problems: string[] = [];
  const satisfied = operation.security.some((requirement) =>
    Object.keys(requirement).every((name) => {
      const scheme = securityScheme(name);
      if (scheme.type === 'http') {
        const header = request.headers['authorization'] ?? '';
        return new RegExp(`^${scheme.scheme}\\s+\\S+$`, 'i').test(header);
      }
      const value = scheme.in === 'query' ? request.query[scheme.name] : request.headers[scheme.name.toLowerCase()];
      return typeof value === 'string' && value !== '';
    }),
  );
  if (operation.security.length > 0 && !satisfied) {
    const names = operation.security.map((requirement) => Object.keys(requirement).join(' + ')).join(' or ');
    problems.push(`carries no credentials the spec accepts (${names})`);
  }
  // The configured credential, and only it: a key sent as a Bearer token, or both at once, is a bug.
  const apiKey = request.query['api_key'];
  const authorization = request.headers['authorization'];
  if ('apiKey' in auth) {
    if (apiKey !== auth.apiKey) problems.push('`api_key` is not the configured API key');
    if (authorization !== undefined) problems.push('sends an Authorization header although an API key is configured');
  } else {
    if (authorization !== `Bearer ${auth.accessToken}`)
      problems.push('Authorization is not `Bearer <configured token>`');
    if (apiKey !== undefined) problems.push('sends `api_key` although an access token is configured');
  }
  return problems;
}
