import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describeTooling, repoRoot, runScript } from './run-script';

// TMDb's document as reconciled (a copy of ../shared/reference/official-spec.auth.json), and planted copies of it.
const FIXTURE = path.join(__dirname, 'fixtures', 'official-spec.auth.json');
const TOKEN = '/3/authentication/token/new';
const GUEST = '/3/authentication/guest_session/new';
const VALIDATE_KEY = '/3/authentication';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
const okSchema = (doc: Doc, route: string, method = 'get') =>
  doc.paths[route][method].responses['200'].content['application/json'].schema;

describeTooling('spec:upstream, the upstream drift report', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'spec-upstream-test-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function planted(name: string, change: (doc: Doc) => void): string {
    const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    change(doc);
    const file = path.join(scratch, `${name}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  }

  it('passes on the pinned official document, every difference explained', () => {
    const { status, output } = runScript('spec-upstream.mjs', [FIXTURE]);
    expect(output).toMatch(/OK: all \d+ differences between TMDb's document and spec\/tmdb-auth.yaml are explained/);
    expect(output).toContain('unchanged since it was reconciled');
    expect(status).toBe(0);
  });

  it('reads the pinned copy when given no document', () => {
    const { status, output } = runScript('spec-upstream.mjs');
    expect(output).toContain('test/spec-workflow/fixtures/official-spec.auth.json');
    expect(status).toBe(0);
  });

  it.each([
    [
      'a response field added',
      (doc: Doc) => (okSchema(doc, GUEST).properties.expires_in = { type: 'integer' }),
      `GET ${GUEST}: added the optional property \`expires_in\` to the response with the \`200\` status`,
    ],
    [
      'a response field removed',
      (doc: Doc) => delete okSchema(doc, TOKEN).properties.request_token,
      `GET ${TOKEN}: removed the required property \`request_token\` from the response with the \`200\` status`,
    ],
    [
      'a required parameter added',
      (doc: Doc) =>
        (doc.paths[TOKEN].get.parameters = [
          { name: 'redirect_to', in: 'query', required: true, schema: { type: 'string' } },
        ]),
      `GET ${TOKEN}: added the new required \`query\` request parameter \`redirect_to\``,
    ],
    [
      'a new auth operation',
      (doc: Doc) =>
        (doc.paths['/3/authentication/token/refresh'] = {
          post: { operationId: 'authentication-refresh-token', responses: { '200': { description: '200' } } },
        }),
      'POST /3/authentication/token/refresh: endpoint added',
    ],
    [
      'a type changed',
      (doc: Doc) => (okSchema(doc, VALIDATE_KEY).properties.status_code.type = 'string'),
      `GET ${VALIDATE_KEY}: the \`status_code\` response's property \`type\` changed from \`integer\` to \`string\` for status \`200\``,
    ],
  ])('fails on %s, naming the difference', (name, change, difference) => {
    const { status, output } = runScript('spec-upstream.mjs', [planted(name.replace(/ /g, '-'), change)]);
    expect(output).toContain(`x ${difference}`);
    expect(output).toMatch(/FAIL: 1 new difference\b/);
    expect(status).toBe(1);
  });

  it('fails when a parameter both sides declare optional is made required upstream', () => {
    // Our spec and TMDb's share no parameter today, so both get an optional `language` first.
    const language = { name: 'language', in: 'query', required: false, schema: { type: 'string' } };
    const ourSpec = parse(readFileSync(path.join(repoRoot, 'spec', 'tmdb-auth.yaml'), 'utf8'));
    ourSpec.paths['/authentication'].get.parameters = [language];
    const specFile = path.join(scratch, 'tmdb-auth.yaml');
    writeFileSync(specFile, stringify(ourSpec));
    const explained = ['--explained', path.join(repoRoot, 'spec', 'upstream.yaml')];
    const optional = planted('language-optional', (doc) => (doc.paths[VALIDATE_KEY].get.parameters = [language]));
    const required = planted(
      'language-required',
      (doc) => (doc.paths[VALIDATE_KEY].get.parameters = [{ ...language, required: true }]),
    );

    expect(runScript('spec-upstream.mjs', [optional, '--spec', specFile, ...explained]).status).toBe(0);
    const { status, output } = runScript('spec-upstream.mjs', [required, '--spec', specFile, ...explained]);
    expect(output).toContain(`x GET ${VALIDATE_KEY}: the \`query\` request parameter \`language\` became required`);
    expect(status).toBe(1);
  });

  it('fails when a security scheme changes under the same name', () => {
    const bearer = planted(
      'sec0-bearer',
      (doc) => (doc.components.securitySchemes.sec0 = { type: 'http', scheme: 'bearer' }),
    );
    const { status, output } = runScript('spec-upstream.mjs', [bearer]);
    expect(output).toContain(
      `x GET ${VALIDATE_KEY}: the endpoint scheme security \`sec0\` was added to the API (http bearer)`,
    );
    expect(status).toBe(1);
  });

  it('fails on an explained difference that is no longer seen, so the explanations stay exact', () => {
    const fixed = planted('raw-body-fixed', (doc) => {
      doc.paths['/3/authentication/session/new'].post.requestBody.content['application/json'].schema = {
        type: 'object',
        required: ['request_token'],
        properties: { request_token: { type: 'string' } },
      };
    });
    const { status, output } = runScript('spec-upstream.mjs', [fixed]);
    expect(output).toContain('Explained but no longer seen');
    expect(output).toContain(
      '- POST /3/authentication/session/new: added the new required request property `RAW_BODY`',
    );
    expect(status).toBe(1);
  });

  it('writes the report as Markdown for a pull request', () => {
    const added = planted('markdown', (doc) => (okSchema(doc, GUEST).properties.expires_in = { type: 'integer' }));
    const { status, output } = runScript('spec-upstream.mjs', [added, '--markdown']);
    expect(output).toContain('## TMDb upstream drift report');
    expect(output).toContain(
      `- x GET ${GUEST}: added the optional property \`expires_in\` to the response with the \`200\` status [response-optional-property-added]`,
    );
    expect(status).toBe(1);
  });
});
