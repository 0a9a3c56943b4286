// The spec drifts the contract suite must catch: each function rewrites the parsed spec in place the way TMDb
// (or a careless edit) might change the API. Used by scripts/test-mutations.mjs: the hand-written SPEC_MUTATIONS,
// and answerFieldRenames, one rename per field of every answer schema, read from each document.
const SCHEMA_REF = '#/components/schemas/';

function renameKey(object, from, to) {
  if (!(from in object)) throw new Error(`no key ${from} to rename`);
  const entries = Object.entries(object).map(([key, value]) => [key === from ? to : key, value]);
  for (const key of Object.keys(object)) delete object[key];
  Object.assign(object, Object.fromEntries(entries));
}

/** The component schemas `schema` can be: its `$ref`, and each branch of a oneOf/anyOf/allOf, recursively. */
function componentSchemasOf(spec, schema, seen = new Set()) {
  if (typeof schema?.$ref === 'string' && schema.$ref.startsWith(SCHEMA_REF)) {
    const name = schema.$ref.slice(SCHEMA_REF.length);
    if (!seen.has(name)) componentSchemasOf(spec, spec.components.schemas[name], seen.add(name));
  } else if (schema && typeof schema === 'object') {
    for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) {
      componentSchemasOf(spec, branch, seen);
    }
  }
  return seen;
}

/** Each response's JSON media (inline or in components.responses), with the component schemas its body can be. */
function answerMedia(spec) {
  const inline = Object.values(spec.paths ?? {}).flatMap((item) =>
    Object.values(item).flatMap((operation) => Object.values(operation?.responses ?? {})),
  );
  return [...inline, ...Object.values(spec.components?.responses ?? {})].flatMap((response) => {
    const media = !response.$ref && response.content?.['application/json'];
    return media ? [{ media, schemas: componentSchemasOf(spec, media.schema) }] : [];
  });
}

/** The component schemas some response body is (directly or as a oneOf/anyOf/allOf branch), in document order. */
function answerSchemaNames(spec) {
  const used = new Set(answerMedia(spec).flatMap(({ schemas }) => [...schemas]));
  return Object.keys(spec.components?.schemas ?? {}).filter(
    (name) => used.has(name) && spec.components.schemas[name].properties,
  );
}

/**
 * Renames a field of a schema everywhere the document shows it: the schema's properties and `required`, and every
 * example (`example`, each `examples` entry's `value`) of a response whose body is that schema or has it as a branch.
 */
function renameField(spec, schemaName, from, to) {
  const schema = spec.components.schemas[schemaName];
  renameKey(schema.properties, from, to);
  if (schema.required) schema.required = schema.required.map((name) => (name === from ? to : name));
  for (const { media, schemas } of answerMedia(spec)) {
    if (!schemas.has(schemaName)) continue;
    for (const example of [media.example, ...Object.values(media.examples ?? {}).map((entry) => entry?.value)]) {
      if (example && typeof example === 'object' && !Array.isArray(example) && from in example) {
        renameKey(example, from, to);
      }
    }
  }
}

/**
 * One mutation per field of every answer schema of `spec` (the document whose generator key is `document`): the
 * field renamed to `<field>_renamed` in its schema and in every answer example, as TMDb renaming it would look.
 */
export function answerFieldRenames(spec, document) {
  return answerSchemaNames(spec).flatMap((schemaName) =>
    Object.keys(spec.components.schemas[schemaName].properties).map((field) => ({
      name: `rename an answer field of ${document}: ${schemaName}.${field} -> ${field}_renamed`,
      document,
      apply: (mutated) => renameField(mutated, schemaName, field, `${field}_renamed`),
    })),
  );
}

/** Moves an operation to another method or path. */
function moveOperation(spec, [fromPath, fromMethod], [toPath, toMethod]) {
  const item = (spec.paths[toPath] ??= {});
  if (item[toMethod]) throw new Error(`${toPath} already has ${toMethod}`);
  item[toMethod] = spec.paths[fromPath][fromMethod];
  delete spec.paths[fromPath][fromMethod];
}

/**
 * `document` is the generator key in openapitools.json of the spec a mutation changes (v3's when absent).
 * @type {{ name: string, document?: string, apply: (spec: any) => void }[]}
 */
export const SPEC_MUTATIONS = [
  {
    name: 'retype a response field: ValidateKeyResponse.status_code integer -> string',
    apply(spec) {
      const field = spec.components.schemas.ValidateKeyResponse.properties.status_code;
      field.type = 'string';
      field.example = '1';
      spec.paths['/authentication'].get.responses['200'].content['application/json'].example.status_code = '1';
    },
  },
  {
    name: 'drop a required query parameter: request_token of GET /authentication/session/new',
    apply(spec) {
      delete spec.paths['/authentication/session/new'].get.parameters;
    },
  },
  {
    name: 'add a required query parameter: language on GET /authentication',
    apply(spec) {
      spec.paths['/authentication'].get.parameters = [
        { name: 'language', in: 'query', required: true, schema: { type: 'string' }, example: 'en-US' },
      ];
    },
  },
  {
    name: 'change a method: DELETE /authentication/session -> POST',
    apply: (spec) => moveOperation(spec, ['/authentication/session', 'delete'], ['/authentication/session', 'post']),
  },
  {
    name: 'change a method: GET /authentication/token/new -> POST',
    apply: (spec) => moveOperation(spec, ['/authentication/token/new', 'get'], ['/authentication/token/new', 'post']),
  },
  {
    name: 'move a path: /authentication/session/convert/4 -> /authentication/session/convert/v4',
    apply(spec) {
      spec.paths['/authentication/session/convert/v4'] = spec.paths['/authentication/session/convert/4'];
      delete spec.paths['/authentication/session/convert/4'];
    },
  },
  {
    name: 'rename a request body field: CreateSessionRequest.request_token -> token',
    apply(spec) {
      renameField(spec, 'CreateSessionRequest', 'request_token', 'token');
      renameKey(
        spec.paths['/authentication/session/new'].post.requestBody.content['application/json'].example,
        'request_token',
        'token',
      );
    },
  },
  {
    // The drift issue 20 found unnoticed: one field renamed in every v4 answer at once, schemas and examples.
    name: 'rename a field in every v4 answer: status_message -> message',
    document: 'tmdb-auth-v4',
    apply(spec) {
      for (const schemaName of answerSchemaNames(spec)) {
        if ('status_message' in spec.components.schemas[schemaName].properties) {
          renameField(spec, schemaName, 'status_message', 'message');
        }
      }
    },
  },
  {
    name: 'change a v4 method: DELETE /auth/access_token -> POST /auth/logout',
    document: 'tmdb-auth-v4',
    apply: (spec) => moveOperation(spec, ['/auth/access_token', 'delete'], ['/auth/logout', 'post']),
  },
];
