// The spec drifts the contract suite must catch: each function rewrites the parsed spec in place the way TMDb
// (or a careless edit) might change the API. Used by scripts/test-mutations.mjs.

const response = (spec, path, method, status = '200') =>
  spec.paths[path][method].responses[status].content['application/json'];

function renameKey(object, from, to) {
  if (!(from in object)) throw new Error(`no key ${from} to rename`);
  const entries = Object.entries(object).map(([key, value]) => [key === from ? to : key, value]);
  for (const key of Object.keys(object)) delete object[key];
  Object.assign(object, Object.fromEntries(entries));
}

function renameSchemaField(spec, schemaName, from, to) {
  const schema = spec.components.schemas[schemaName];
  renameKey(schema.properties, from, to);
  schema.required = schema.required.map((name) => (name === from ? to : name));
}

function moveMethod(spec, path, from, to) {
  const item = spec.paths[path];
  if (item[to]) throw new Error(`${path} already has ${to}`);
  item[to] = item[from];
  delete item[from];
}

/**
 * `document` is the generator key in openapitools.json of the spec a mutation changes (v3's when absent).
 * @type {{ name: string, document?: string, apply: (spec: any) => void }[]}
 */
export const SPEC_MUTATIONS = [
  {
    name: 'rename a response field: SessionResponse.session_id -> id',
    apply(spec) {
      renameSchemaField(spec, 'SessionResponse', 'session_id', 'id');
      for (const [path, method] of [
        ['/authentication/session/new', 'get'],
        ['/authentication/session/new', 'post'],
        ['/authentication/session/convert/4', 'post'],
      ]) {
        renameKey(response(spec, path, method).example, 'session_id', 'id');
      }
    },
  },
  {
    name: 'retype a response field: ValidateKeyResponse.status_code integer -> string',
    apply(spec) {
      const field = spec.components.schemas.ValidateKeyResponse.properties.status_code;
      field.type = 'string';
      field.example = '1';
      response(spec, '/authentication', 'get').example.status_code = '1';
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
    apply: (spec) => moveMethod(spec, '/authentication/session', 'delete', 'post'),
  },
  {
    name: 'change a method: GET /authentication/token/new -> POST',
    apply: (spec) => moveMethod(spec, '/authentication/token/new', 'get', 'post'),
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
      renameSchemaField(spec, 'CreateSessionRequest', 'request_token', 'token');
      renameKey(
        spec.paths['/authentication/session/new'].post.requestBody.content['application/json'].example,
        'request_token',
        'token',
      );
    },
  },
  {
    name: 'rename a v4 response field: AccessTokenResponse.account_id -> account_object_id',
    document: 'tmdb-auth-v4',
    apply(spec) {
      renameSchemaField(spec, 'AccessTokenResponse', 'account_id', 'account_object_id');
      renameKey(response(spec, '/auth/access_token', 'post').example, 'account_id', 'account_object_id');
    },
  },
  {
    name: 'change a v4 method: DELETE /auth/access_token -> POST /auth/logout',
    document: 'tmdb-auth-v4',
    apply(spec) {
      spec.paths['/auth/logout'] = { post: spec.paths['/auth/access_token'].delete };
      delete spec.paths['/auth/access_token'].delete;
    },
  },
];
