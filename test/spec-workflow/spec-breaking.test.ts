import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeTooling, repoRoot, runScript } from './run-script';

// A small repository holding our spec/ and package.json, released as v0.1.0, in which each test edits the spec.
describeTooling('spec:breaking, the breaking-change gate for our spec', () => {
  let repo: string;
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  const specFile = () => path.join(repo, 'spec', 'tmdb-auth.yaml');
  const editSpec = (change: (text: string) => string) => {
    const before = readFileSync(specFile(), 'utf8');
    const after = change(before);
    expect(after).not.toBe(before);
    writeFileSync(specFile(), after);
  };
  const setVersion = (version: string) => {
    const file = path.join(repo, 'package.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version }, null, 2));
  };

  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'spec-breaking-test-'));
    cpSync(path.join(repoRoot, 'spec'), path.join(repo, 'spec'), { recursive: true });
    cpSync(path.join(repoRoot, 'package.json'), path.join(repo, 'package.json'));
    setVersion('0.1.0');
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'released');
    git('tag', 'v0.1.0');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  afterEach(() => git('checkout', '--quiet', 'v0.1.0', '--', '.'));

  it('passes when the spec has not changed since the last release tag, and says what it compared', () => {
    const { status, output } = runScript('spec-breaking.mjs', [], repo);
    expect(output).toContain('Compared spec/tmdb-auth.yaml, spec/tmdb-auth-v4.yaml at v0.1.0 (the last release tag)');
    expect(output).toContain('OK: no change to the API that a consumer can see.');
    expect(status).toBe(0);
  });

  it('fails on a breaking edit: a required response field removed', () => {
    editSpec((text) =>
      text.replace('required: [success, guest_session_id, expires_at]', 'required: [success, guest_session_id]'),
    );
    const { status, output } = runScript('spec-breaking.mjs', [], repo);
    expect(output).toContain('GET /authentication/guest_session/new');
    expect(output).toContain('`expires_at`');
    expect(output).toMatch(/FAIL: 1 breaking change, and package.json's version \(0.1.0\) has no major bump/);
    expect(status).toBe(1);
  });

  it('passes on a compatible edit: an optional response field added, and calls it minor', () => {
    editSpec((text) =>
      text.replace(
        '    DeleteSessionResponse:\n      type: object\n      required: [success]\n      properties:\n',
        '    DeleteSessionResponse:\n      type: object\n      required: [success]\n      properties:\n' +
          '        status_message:\n          type: string\n',
      ),
    );
    const { status, output } = runScript('spec-breaking.mjs', [], repo);
    expect(output).toContain('added the optional property `status_message`');
    expect(output).toContain('OK: no breaking change. This is a minor change');
    expect(status).toBe(0);
  });

  it('passes on a breaking edit released as a new major version', () => {
    editSpec((text) => text.replace('required: [success, session_id]', 'required: [success]'));
    setVersion('1.0.0');
    const { status, output } = runScript('spec-breaking.mjs', [], repo);
    expect(output).toContain('released as the major version 1.0.0');
    expect(status).toBe(0);
  });

  it('compares with the ref it is given, in Markdown when asked', () => {
    const { status, output } = runScript('spec-breaking.mjs', ['HEAD', '--markdown'], repo);
    expect(output).toContain('## Breaking-change report for the spec');
    expect(output).toContain('at HEAD (given)');
    expect(status).toBe(0);
  });
});
