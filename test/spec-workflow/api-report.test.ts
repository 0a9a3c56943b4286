import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeTooling, repoRoot, runScript } from './run-script';

// A copy of the build's declarations (the global setup builds dist/ when it is missing), with its own reports, so
// the test plants changes in the copy and never depends on whether the committed reports are current.
describeTooling('api:check, the public API report', () => {
  let copy: string;
  let reports: string;
  const check = () => runScript('api-report.mjs', ['--package-dir', copy, '--report-folder', reports]);

  function copyDeclarations(from: string, to: string) {
    for (const name of readdirSync(from)) {
      const source = path.join(from, name);
      if (statSync(source).isDirectory()) copyDeclarations(source, path.join(to, name));
      else if (/\.d\.m?ts$/.test(name)) cpSync(source, path.join(to, name));
    }
  }

  beforeAll(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'api-report-test-'));
    reports = path.join(copy, 'api-reports');
    copyDeclarations(path.join(repoRoot, 'dist'), path.join(copy, 'dist'));
    cpSync(path.join(repoRoot, 'package.json'), path.join(copy, 'package.json'));
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const update = runScript('api-report.mjs', ['--package-dir', copy, '--report-folder', reports, '--update']);
    expect(update.status).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('writes one report per package entry, and passes while the declarations match them', () => {
    expect(readdirSync(reports).sort()).toEqual([
      'tmdb-auth-client-generated-v4.api.md',
      'tmdb-auth-client-generated.api.md',
      'tmdb-auth-client-redis.api.md',
      'tmdb-auth-client-testing.api.md',
      'tmdb-auth-client.api.md',
    ]);
    const { status, output } = check();
    expect(output).toContain('The public API matches the committed reports.');
    expect(status).toBe(0);
  }, 60_000);

  it('keeps paths inside dist/ out of the reports, so moving an internal file changes nothing', () => {
    for (const report of readdirSync(reports)) {
      expect(readFileSync(path.join(reports, report), 'utf8')).not.toMatch(/dist\/|\.d\.ts/);
    }
  });

  it('fails on a planted change to an exported type, showing it', () => {
    const model = path.join(copy, 'dist', 'generated', 'models', 'session-response.d.ts');
    const pristine = readFileSync(model, 'utf8');
    writeFileSync(model, pristine.replace("'session_id': string;", "'session_id': number;"));
    try {
      const { status, output } = check();
      expect(output).toContain('CHANGED   ./generated');
      expect(output).toContain("-    'session_id': string;");
      expect(output).toContain("+    'session_id': number;");
      expect(status).toBe(1);
    } finally {
      writeFileSync(model, pristine);
    }
  }, 60_000);
});
