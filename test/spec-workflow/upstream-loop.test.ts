import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeTooling, repoRoot } from './run-script';

// The "When TMDb changes its API" loop of CONTRIBUTING.md, end to end (`npm run test:spec-workflow`), in a scratch
// repository made from this working copy (tagged v<version> as if just released), on two simulated upstream
// changes of TMDb's document:
//   1. an optional response field added: the drift report lists it as new; the spec is edited; generate; the API
//      report shows the new optional property; the gate says non-breaking, minor; a minor changeset; the release
//      writes CHANGELOG.md and bumps the minor version.
//   2. a required response field removed: the spec follows TMDb; the gate fails until a major changeset is pending,
//      and the changeset check refuses a minor one.
// The steps run in order, each on what the one before left; no network, no clock in any assertion.
jest.setTimeout(300_000);

const FIXTURE = 'test/spec-workflow/fixtures/official-spec.auth.json';
const GUEST_ROUTE = '/3/authentication/guest_session/new';
const TOKEN_ROUTE = '/3/authentication/token/new';
const ADDED_EXPIRES_IN = 'added the optional property `expires_in` to the response with the `200` status';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const schemaOf = (doc: any, route: string) => doc.paths[route].get.responses['200'].content['application/json'].schema;

describeTooling('the spec-change loop, end to end in a scratch repository', () => {
  let scratch = '';
  let repo = '';
  const file = (relative: string) => path.join(repo, relative);
  let version = '';
  let nextMinor = '';

  function sh(command: string, args: string[], cwd = repo) {
    const result = spawnSync(command, args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  }
  const node = (script: string, ...args: string[]) => sh(process.execPath, [script, ...args]);
  const git = (...args: string[]) => {
    const result = sh('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args]);
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.output}`);
    return result.output.trim();
  };
  const edit = (relative: string, change: (text: string) => string) => {
    const before = readFileSync(file(relative), 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${relative} changed nothing: has its text moved?`);
    writeFileSync(file(relative), after);
  };
  /** What `npx changeset` writes, without its prompts; staged, since changesets finds new entries through git. */
  const changeset = (name: string, level: string, summary: string) => {
    writeFileSync(file(`.changeset/${name}.md`), `---\n'tmdb-auth-client': ${level}\n---\n\n${summary}\n`);
    git('add', '.changeset');
  };
  /** Expects the exit code, and every text in the output (shown whole when a text is missing). */
  function expectRun(result: { status: number | null; output: string }, status: number, ...texts: string[]) {
    for (const text of texts) expect(result.output).toContain(text);
    expect({ status: result.status, output: result.output }).toMatchObject({ status });
  }
  function upstreamWith(name: string, change: (doc: unknown) => void) {
    const doc = JSON.parse(readFileSync(file(FIXTURE), 'utf8'));
    change(doc);
    writeFileSync(path.join(scratch, name), JSON.stringify(doc, null, 2));
    return `../${name}`;
  }

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-spec-workflow-'));
    repo = path.join(scratch, 'repo');
    // The tools are installed once and shared, not reinstalled: the generator JAR and oasdiff.
    for (const script of ['ensure-generator-jar.mjs', 'ensure-oasdiff.mjs']) {
      expectRun(sh(process.execPath, [path.join(repoRoot, 'scripts', script)], repoRoot), 0);
    }
    // The working copy as it is (committed or not), without what .gitignore keeps out, as one commit tagged as the
    // release its package.json names; node_modules and the tools' folders linked.
    const listed = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repoRoot).output;
    for (const relative of listed.split('\0').filter(Boolean)) {
      try {
        mkdirSync(path.dirname(file(relative)), { recursive: true });
        cpSync(path.join(repoRoot, relative), file(relative));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted, not yet in the index
      }
    }
    for (const linked of ['node_modules', '.openapi-generator-jar', '.oasdiff'])
      symlinkSync(path.join(repoRoot, linked), file(linked), 'dir');
    // Pending changesets of the working copy are not part of this story.
    for (const name of readdirSync(file('.changeset')))
      if (name.endsWith('.md') && name !== 'README.md') rmSync(file(`.changeset/${name}`));
    version = JSON.parse(readFileSync(file('package.json'), 'utf8')).version;
    const [major, minor] = version.split('.').map(Number);
    nextMinor = `${major}.${(minor ?? 0) + 1}.0`;
    git('init', '--quiet', '--initial-branch=main');
    git('add', '--all');
    git('commit', '--quiet', '--no-verify', '-m', 'released');
    git('tag', `v${version}`);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('starts clean: the drift report passes on the pinned upstream document', () => {
    expectRun(node('scripts/spec-upstream.mjs', FIXTURE), 0, 'OK: all', 'unchanged since it was reconciled');
  });

  describe('1. TMDb adds an optional response field: expires_in on the guest session', () => {
    let added = '';
    beforeAll(() => {
      added = upstreamWith('upstream-added.json', (doc) => {
        schemaOf(doc, GUEST_ROUTE).properties.expires_in = { type: 'integer', example: 3600 };
      });
    });

    it('the drift report names the new field and fails, in text and in Markdown', () => {
      expectRun(node('scripts/spec-upstream.mjs', added), 1, `GET ${GUEST_ROUTE}: ${ADDED_EXPIRES_IN}`, 'differs from');
      const markdown = node('scripts/spec-upstream.mjs', added, '--markdown');
      expectRun(markdown, 1, '## TMDb upstream drift report', `- x GET ${GUEST_ROUTE}: ${ADDED_EXPIRES_IN}`);
    });

    it('once the spec has the field, the drift report passes and --update-pin records the document', () => {
      edit('spec/tmdb-auth.yaml', (text) =>
        text.replace(
          /( {4}GuestSessionResponse:\n(?: {6}.*\n)*? {6}properties:\n)/,
          '$1        expires_in:\n          type: integer\n          description: Seconds until the guest session expires.\n',
        ),
      );
      expectRun(node('scripts/spec-upstream.mjs', added, '--update-pin'), 0, 'OK: all', `Pinned v3 to ${added}`);
      expectRun(node('scripts/spec-upstream.mjs', added), 0, 'unchanged since it was reconciled');
    });

    it('generate writes the field into the model; the API report check shows it and fails until api:update', () => {
      expectRun(node('scripts/generate.mjs'), 0);
      expect(readFileSync(file('generated/models/guest-session-response.ts'), 'utf8')).toContain(
        "'expires_in'?: number;",
      );
      expectRun(sh('npm', ['run', 'build', '--silent']), 0);
      expectRun(node('scripts/api-report.mjs'), 1, "+    'expires_in'?: number;", 'CHANGED   ./generated');
      expectRun(node('scripts/api-report.mjs', '--update'), 0);
      expectRun(node('scripts/api-report.mjs'), 0, 'The public API matches the committed reports.');
    });

    it('the breaking-change gate says non-breaking, a minor change', () => {
      expectRun(
        node('scripts/spec-breaking.mjs'),
        0,
        `at v${version} (the last release tag)`,
        'added the optional property `expires_in`',
        'a minor change',
      );
    });

    it('the changeset check fails without a changeset, refuses a patch one and passes with a minor one', () => {
      expectRun(node('scripts/changeset-check.mjs'), 1, 'no changeset says how to release it');
      changeset('guest-session-expires-in', 'patch', 'Guest sessions carry `expires_in`.');
      expectRun(node('scripts/changeset-check.mjs'), 1, 'ask for a minor release and the changesets say patch');
      changeset(
        'guest-session-expires-in',
        'minor',
        'Guest sessions carry `expires_in`, the seconds until they expire.',
      );
      expectRun(
        node('scripts/changeset-check.mjs'),
        0,
        'their level: minor',
        'public API report api-reports/tmdb-auth-client-generated.api.md',
        'OK:',
      );
    });

    it(`the release writes CHANGELOG.md and bumps the minor version`, () => {
      git('add', '--all');
      git('commit', '--quiet', '--no-verify', '-m', 'Guest sessions: expires_in');
      expectRun(node('scripts/changeset-version.mjs'), 0);
      expect(JSON.parse(readFileSync(file('package.json'), 'utf8')).version).toBe(nextMinor);
      const changelog = readFileSync(file('CHANGELOG.md'), 'utf8');
      const order = ['## Unreleased', `## ${nextMinor}`, '### Minor Changes', 'expires_in', `## ${version}`];
      const at = order.map((text) => changelog.indexOf(text));
      expect(at.every((where, i) => where !== -1 && (i === 0 || where > (at[i - 1] ?? 0)))).toBe(true);
      git('add', '--all');
      git('commit', '--quiet', '--no-verify', '-m', `v${nextMinor}`);
      git('tag', `v${nextMinor}`);
    });
  });

  describe('2. TMDb removes a required response field: expires_at of a new request token', () => {
    it('the drift report names the field we still have and fails', () => {
      const removed = upstreamWith('upstream-removed.json', (doc) => {
        delete schemaOf(doc, TOKEN_ROUTE).properties.expires_at;
      });
      expectRun(
        node('scripts/spec-upstream.mjs', removed),
        1,
        `GET ${TOKEN_ROUTE}: removed the required property \`expires_at\` from the response with the \`200\` status`,
      );
    });

    it('when the spec follows TMDb, the gate fails, naming the removed required property, in text and Markdown', () => {
      edit('spec/tmdb-auth.yaml', (text) =>
        text
          .replace('required: [success, expires_at, request_token]', 'required: [success, request_token]')
          .replace(
            /( {4}TokenResponseWithExpiration:\n(?: {6}.*\n)*? {6}properties:\n(?: {8}success:\n {10}type: boolean\n))(?: {8}expires_at:\n(?: {10}.*\n)+)/,
            '$1',
          ),
      );
      expectRun(
        node('scripts/spec-breaking.mjs'),
        1,
        `at v${nextMinor} (the last release tag)`,
        'removed the required property `expires_at`',
        'FAIL:',
      );
      expectRun(
        node('scripts/spec-breaking.mjs', '--markdown'),
        1,
        '## Breaking-change report for the spec',
        '### Breaking (ERR, 2)',
        '- x spec/tmdb-auth.yaml: GET /authentication/token/new: removed the required property `expires_at`',
      );
    });

    it('the changeset check refuses a minor changeset; with a major one the gate and the check pass', () => {
      changeset('token-expiry-gone', 'minor', 'Request tokens no longer carry `expires_at`.');
      expectRun(node('scripts/changeset-check.mjs'), 1, 'ask for a major release and the changesets say minor');
      changeset('token-expiry-gone', 'major', 'Request tokens no longer carry `expires_at`: TMDb stopped sending it.');
      expectRun(node('scripts/spec-breaking.mjs'), 0, 'released as a major version');
      expectRun(node('scripts/changeset-check.mjs'), 0, 'their level: major');
    });
  });
});
