// Reduces an OpenAPI 3.x document to what a client of its authentication operations depends on, operation by
// operation: method and full path, parameters, request body fields, response status codes and fields, security.
// Both TMDb's official document and our spec go through here, so they are compared on the same terms whatever
// their layout ($refs or inline schemas, `/3` in the server or in each path, 3.0 `nullable` or 3.1 type lists).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// v3's `/3/authentication...` and v4's `/4/auth/...`.
const AUTH_PATH = /^\/\d+\/auth(entication)?(\/|$)/;

export function parseOpenApi(text, origin) {
  const doc = parse(text);
  if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
    throw new Error(`${origin} is not an OpenAPI 3.x document (no \`openapi: 3.x\` field).`);
  }
  return doc;
}

export function readOpenApiFile(file) {
  return parseOpenApi(readFileSync(file, 'utf8'), file);
}

/**
 * The authentication operations of an OpenAPI document, keyed by `METHOD /full/path`.
 * @returns {Map<string, Operation>}
 * @typedef {{ type: string, required: boolean }} Field
 * @typedef {{ media: string[], fields: Map<string, Field> }} Body
 * @typedef {{ key: string, params: Map<string, Field>, body: (Body & { required: boolean }) | null,
 *   responses: Map<string, Body>, security: string }} Operation
 */
export function authSurface(doc) {
  const resolver = makeResolver(doc);
  const base = serverBasePath(doc);
  const operations = new Map();
  for (const [rawPath, rawItem] of Object.entries(doc.paths ?? {})) {
    const fullPath = `${base}${rawPath}`;
    if (!AUTH_PATH.test(fullPath)) continue;
    const item = resolver.resolve(rawItem);
    for (const method of METHODS) {
      if (!item[method]) continue;
      const key = `${method.toUpperCase()} ${fullPath}`;
      operations.set(key, describeOperation(key, item, item[method], doc, resolver));
    }
  }
  return operations;
}

function serverBasePath(doc) {
  const url = doc.servers?.[0]?.url;
  if (!url) return '';
  try {
    return new URL(url, 'https://placeholder.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function describeOperation(key, item, operation, doc, resolver) {
  const params = new Map();
  // Operation-level parameters override path-level ones with the same name and location.
  for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
    const param = resolver.resolve(raw);
    params.set(`${param.in} ${param.name}`, {
      type: describeType(param.schema ?? {}, resolver),
      required: param.required === true,
    });
  }

  let body = null;
  if (operation.requestBody) {
    const requestBody = resolver.resolve(operation.requestBody);
    body = { required: requestBody.required === true, ...describeContent(requestBody.content, resolver) };
  }

  const responses = new Map();
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    responses.set(String(status).toUpperCase(), describeContent(resolver.resolve(raw).content, resolver));
  }

  return { key, params, body, responses, security: describeSecurity(operation.security ?? doc.security, doc) };
}

function describeContent(content, resolver) {
  const media = Object.keys(content ?? {}).sort();
  const fields = new Map();
  // JSON is what TMDb speaks; the first JSON media type's schema stands for the body.
  const json = media.find((type) => /json/i.test(type)) ?? media[0];
  const schema = json ? content[json].schema : undefined;
  if (schema) collectFields(schema, '', fields, resolver, new Set());
  return { media, fields };
}

// Flattens an object schema to `name`, `parent.child` and `list[].child` fields, each with its type and whether
// it is required. A non-object body is recorded as the field `(body)`.
function collectFields(rawSchema, prefix, fields, resolver, seen) {
  const schema = resolver.resolve(rawSchema);
  if (seen.has(schema)) return;
  seen = new Set(seen).add(schema);
  const { properties, required } = objectShape(schema, resolver);
  if (!properties) {
    if (!prefix) fields.set('(body)', { type: describeType(schema, resolver), required: true });
    return;
  }
  for (const [name, rawProperty] of Object.entries(properties)) {
    const property = resolver.resolve(rawProperty);
    const fieldName = prefix ? `${prefix}.${name}` : name;
    fields.set(fieldName, { type: describeType(property, resolver), required: required.has(name) });
    if (objectShape(property, resolver).properties) collectFields(property, fieldName, fields, resolver, seen);
    const items = property.items ? resolver.resolve(property.items) : undefined;
    if (items && objectShape(items, resolver).properties) {
      collectFields(items, `${fieldName}[]`, fields, resolver, seen);
    }
  }
}

// The properties of an object schema, merging allOf; for oneOf/anyOf the union of the alternatives' properties,
// required only where every alternative requires it.
function objectShape(schema, resolver) {
  if (schema.allOf) {
    const properties = { ...(schema.properties ?? {}) };
    const required = new Set(schema.required ?? []);
    let any = Boolean(schema.properties);
    for (const part of schema.allOf.map((entry) => objectShape(resolver.resolve(entry), resolver))) {
      if (!part.properties) continue;
      any = true;
      Object.assign(properties, part.properties);
      for (const name of part.required) required.add(name);
    }
    return { properties: any ? properties : undefined, required };
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const shapes = alternatives.map((entry) => objectShape(resolver.resolve(entry), resolver));
    if (!shapes.every((shape) => shape.properties)) return { properties: undefined, required: new Set() };
    const properties = Object.assign({}, ...shapes.map((shape) => shape.properties));
    const required = new Set(
      Object.keys(properties).filter((name) => shapes.every((shape) => shape.required.has(name))),
    );
    return { properties, required };
  }
  return { properties: schema.properties, required: new Set(schema.required ?? []) };
}

export function describeType(rawSchema, resolver) {
  const schema = resolver.resolve(rawSchema);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    return [...new Set(alternatives.map((entry) => describeType(entry, resolver)))].sort().join(' | ');
  }
  let types = Array.isArray(schema.type) ? [...schema.type] : schema.type ? [schema.type] : [];
  if (types.length === 0) types = schema.properties || schema.allOf ? ['object'] : ['any'];
  if (schema.nullable === true && !types.includes('null')) types.push('null');
  return types
    .map((type) => {
      if (type === 'array') return `array<${schema.items ? describeType(schema.items, resolver) : 'any'}>`;
      if (type === 'null' || !schema.format) return type;
      return `${type}(${schema.format})`;
    })
    .sort()
    .join(' | ');
}

// Each alternative of a security requirement list, as `apiKey query api_key` or `http bearer`, joined by ` | `;
// schemes required together are joined by ` + `. TMDb's `x-bearer-format: bearer` is kept visible.
function describeSecurity(requirements, doc) {
  if (!requirements || requirements.length === 0) return 'none';
  const schemes = doc.components?.securitySchemes ?? {};
  return requirements
    .map((requirement) => {
      const names = Object.keys(requirement);
      if (names.length === 0) return 'none';
      return names
        .map((name) => {
          const scheme = schemes[name];
          if (!scheme) return `unknown scheme ${name}`;
          if (scheme.type === 'apiKey') {
            const bearer = scheme['x-bearer-format'] ? ` (x-bearer-format ${scheme['x-bearer-format']})` : '';
            return `apiKey ${scheme.in} ${scheme.name}${bearer}`;
          }
          if (scheme.type === 'http') return `http ${String(scheme.scheme).toLowerCase()}`;
          return scheme.type;
        })
        .sort()
        .join(' + ');
    })
    .sort()
    .join(' | ');
}

function makeResolver(doc) {
  function lookup(ref) {
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, not ${ref}`);
    let node = doc;
    for (const part of ref.slice(2).split('/')) {
      node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (node === undefined) throw new Error(`$ref ${ref} points at nothing`);
    return node;
  }
  return {
    resolve(node) {
      let current = node ?? {};
      for (let hops = 0; current && typeof current.$ref === 'string'; hops += 1) {
        if (hops > 50) throw new Error(`$ref cycle at ${node.$ref}`);
        current = lookup(current.$ref);
      }
      return current;
    },
  };
}
