#!/usr/bin/env node
// `npm run test:spec-workflow`: the "When TMDb changes its API" loop of CONTRIBUTING.md, end to end, in a scratch
// repository made from this working copy (tagged v<version> as if just released), on two simulated upstream
// changes of TMDb's document:
//   1. an optional response field added: the drift report lists it as new; the spec is edited; generate; the API
//      report shows the new optional property; the gate says non-breaking, minor; a minor changeset; the release
//      writes CHANGELOG.md and bumps the minor version.
//   2. a required response field removed: the spec follows TMDb; the gate fails until a major changeset is pending,
//      and the changeset check refuses a minor one.
// Deterministic (no network, no clock in any assertion) and about a minute on two cores.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { ensureOasdiff } from './ensure-oasdiff.mjs';
import { ensureGeneratorJar } from './ensure-generator-jar.mjs';

const FIXTURE = 'test/spec-workflow/fixtures/official-spec.auth.json';
const started = Date.now();
const results = [];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tmdb-spec-workflow-'));
const repo = path.join(scratch, 'repo');

function sh(command, args, { env } = {}) {
  const result = spawnSync(command, args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
const node = (script, ...args) => sh(process.execPath, [script, ...args]);
const gitIn = (...args) => {
  const result = sh('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args]);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.output}`);
  return result.output.trim();
};

// One step of the loop: what it runs, the exit code it must have, and the text its output must (not) contain.
function step(name, action, { status = 0, includes = [], excludes = [] } = {}) {
  const t0 = Date.now();
  const result = action();
  const problems = [];
  if (result.status !== status) problems.push(`exit ${result.status}, expected ${status}`);
  for (const text of includes) if (!result.output.includes(text)) problems.push(`output lacks: ${text}`);
  for (const text of excludes) if (result.output.includes(text)) problems.push(`output has: ${text}`);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  results.push({ name, ok: problems.length === 0 });
  console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${name} (${seconds} s)`);
  if (problems.length) {
    console.log(`      ${problems.join('\n      ')}\n      --- output ---\n${indent(result.output)}`);
    throw new Error(`step failed: ${name}`);
  }
  return result;
}
const indent = (text) => text.replace(/^/gm, '      | ');
const file = (relative) => path.join(repo, relative);
const edit = (relative, change) => {
  const before = readFileSync(file(relative), 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${relative} changed nothing: has its text moved?`);
  writeFileSync(file(relative), after);
};
const done = (status = 0, output = '') => ({ status, output });

function makeScratchRepository() {
  // The working copy as it is (committed or not), without what .gitignore keeps out, as one commit tagged as the
  // release its package.json names.
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).stdout;
  for (const relative of listed.split('\0').filter(Boolean)) {
    const source = path.join(repoRoot, relative);
    try {
      mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
      cpSync(source, path.join(repo, relative));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error; // deleted in the working copy, not yet in the index
    }
  }
  // Installed tools are shared, not reinstalled: node_modules, the generator JAR and oasdiff.
  const { jarPath } = readGeneratorConfig();
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
  mkdirSync(path.join(repo, path.relative(repoRoot, path.dirname(jarPath))), { recursive: true });
  symlinkSync(jarPath, path.join(repo, path.relative(repoRoot, jarPath)));
  // Pending changesets of the working copy are not part of this story.
  for (const name of readdirSync(file('.changeset'))) {
    if (name.endsWith('.md') && name !== 'README.md') rmSync(file(`.changeset/${name}`));
  }
  // The hand-written changelog the release must keep intact; made here when the working copy has none.
  const changelog = file('CHANGELOG.md');
  try {
    readFileSync(changelog);
  } catch {
    writeFileSync(
      changelog,
      '# Changelog\n\n## Unreleased\n\n- Documented the upstream loop.\n\n## 0.1.0\n\n- First release.\n',
    );
  }
  const version = JSON.parse(readFileSync(file('package.json'), 'utf8')).version;
  gitIn('init', '--quiet', '--initial-branch=main');
  gitIn('add', '--all');
  gitIn('commit', '--quiet', '--no-verify', '-m', 'released');
  gitIn('tag', `v${version}`);
  return version;
}

const GUEST_ROUTE = '/3/authentication/guest_session/new';
const TOKEN_ROUTE = '/3/authentication/token/new';
const ADDED_EXPIRES_IN = 'added the optional property `expires_in` to the response with the `200` status';
const schemaOf = (doc, route, method) => doc.paths[route][method].responses['200'].content['application/json'].schema;

try {
  ensureGeneratorJar();
  process.env.TMDB_OASDIFF ??= ensureOasdiff();
  const version = makeScratchRepository();
  const [major, minor] = version.split('.').map(Number);
  const nextMinor = `${major}.${minor + 1}.0`;
  console.log(`scratch repository ${repo}, tagged v${version}\n`);

  step('the drift report passes on the pinned upstream document', () => node('scripts/spec-upstream.mjs', FIXTURE), {
    includes: ['OK: all', 'unchanged since it was reconciled'],
  });

  console.log('\n1. TMDb adds an optional response field: expires_in on the guest session');
  const upstream = JSON.parse(readFileSync(file(FIXTURE), 'utf8'));
  schemaOf(upstream, GUEST_ROUTE, 'get').properties.expires_in = { type: 'integer', example: 3600 };
  writeFileSync(path.join(scratch, 'upstream-added.json'), JSON.stringify(upstream, null, 2));
  step(
    'the drift report names the new field and fails',
    () => node('scripts/spec-upstream.mjs', '../upstream-added.json'),
    {
      status: 1,
      includes: [`GET ${GUEST_ROUTE}: ${ADDED_EXPIRES_IN}`, 'differs from the document pinned'],
    },
  );
  step(
    'the drift report says it in Markdown for the pull request',
    () => node('scripts/spec-upstream.mjs', '../upstream-added.json', '--markdown'),
    {
      status: 1,
      includes: ['## TMDb upstream drift report', `| \`GET ${GUEST_ROUTE}: ${ADDED_EXPIRES_IN}\` |`],
    },
  );
  step('the spec is edited: GuestSessionResponse gains an optional expires_in', () => {
    edit('spec/tmdb-auth.yaml', (text) =>
      text.replace(
        /( {4}GuestSessionResponse:\n(?: {6}.*\n)*? {6}properties:\n)/,
        '$1        expires_in:\n          type: integer\n          description: Seconds until the guest session expires.\n',
      ),
    );
    return done();
  });
  step(
    'the drift report passes, and records the new document with --update-pin',
    () => node('scripts/spec-upstream.mjs', '../upstream-added.json', '--update-pin'),
    {
      includes: ['OK: all', 'Pinned v3 to ../upstream-added.json'],
    },
  );
  step('the pinned document is reported unchanged', () => node('scripts/spec-upstream.mjs', '../upstream-added.json'), {
    includes: ['unchanged since it was reconciled'],
  });
  step(
    'generate: the generated model has the field',
    () => {
      const result = node('scripts/generate.mjs');
      const model = readFileSync(file('generated/models/guest-session-response.ts'), 'utf8');
      return done(result.status, `${result.output}\n${model}`);
    },
    { includes: ["'expires_in'?: number;"] },
  );
  step('build', () => sh('npm', ['run', 'build', '--silent']));
  step('the API report check shows the new optional property and fails', () => node('scripts/api-report.mjs'), {
    status: 1,
    includes: ["+    'expires_in'?: number;", 'CHANGED   ./generated'],
  });
  step(
    'api:update rewrites the report, and the check passes',
    () => {
      const update = node('scripts/api-report.mjs', '--update');
      if (update.status !== 0) return update;
      return node('scripts/api-report.mjs');
    },
    { includes: ['The public API matches the committed reports.'] },
  );
  step('the breaking-change gate says non-breaking, a minor change', () => node('scripts/spec-breaking.mjs'), {
    includes: [`at v${version} (the last release tag)`, 'added the optional property `expires_in`', 'a minor change'],
  });
  step('the changeset check fails without a changeset', () => node('scripts/changeset-check.mjs'), {
    status: 1,
    includes: ['no changeset says how to release it'],
  });
  // What `npx changeset` writes, without its prompts; staged, since changesets finds new entries through git.
  const changeset = (name, level, summary) => {
    writeFileSync(file(`.changeset/${name}.md`), `---\n'tmdb-auth-client': ${level}\n---\n\n${summary}\n`);
    gitIn('add', '.changeset');
  };
  step(
    'the changeset check refuses a patch changeset for a minor change',
    () => {
      changeset('guest-session-expires-in', 'patch', 'Guest sessions carry `expires_in`.');
      return node('scripts/changeset-check.mjs');
    },
    { status: 1, includes: ['ask for a minor release and the changesets say patch'] },
  );
  step(
    'the changeset check passes with a minor changeset',
    () => {
      changeset(
        'guest-session-expires-in',
        'minor',
        'Guest sessions carry `expires_in`, the seconds until they expire.',
      );
      return node('scripts/changeset-check.mjs');
    },
    { includes: ['their level: minor', 'public API report api-reports/tmdb-auth-client-generated.api.md', 'OK:'] },
  );
  step(
    `the release writes CHANGELOG.md and bumps ${version} -> ${nextMinor}`,
    () => {
      gitIn('add', '--all');
      gitIn('commit', '--quiet', '--no-verify', '-m', 'Guest sessions: expires_in');
      const result = node('scripts/changeset-version.mjs');
      const changelog = readFileSync(file('CHANGELOG.md'), 'utf8');
      const bumped = JSON.parse(readFileSync(file('package.json'), 'utf8')).version;
      const order = ['## Unreleased', `## ${nextMinor}`, '### Minor Changes', 'expires_in', `## ${version}`].map(
        (text) => changelog.indexOf(text),
      );
      const ordered = order.every((at, index) => at !== -1 && (index === 0 || at > order[index - 1]));
      return done(result.status, `${result.output}\nversion ${bumped}\nsections in order: ${ordered}\n${changelog}`);
    },
    { includes: [`version ${nextMinor}`, 'sections in order: true'] },
  );
  gitIn('add', '--all');
  gitIn('commit', '--quiet', '--no-verify', '-m', `v${nextMinor}`);
  gitIn('tag', `v${nextMinor}`);

  console.log('\n2. TMDb removes a required response field: expires_at of a new request token');
  const removed = JSON.parse(readFileSync(file(FIXTURE), 'utf8'));
  delete schemaOf(removed, TOKEN_ROUTE, 'get').properties.expires_at;
  writeFileSync(path.join(scratch, 'upstream-removed.json'), JSON.stringify(removed, null, 2));
  step(
    'the drift report names the field we still have and fails',
    () => node('scripts/spec-upstream.mjs', '../upstream-removed.json'),
    {
      status: 1,
      includes: [
        `GET ${TOKEN_ROUTE}: removed the required property \`expires_at\` from the response with the \`200\` status`,
      ],
    },
  );
  step('the spec follows TMDb: expires_at leaves TokenResponseWithExpiration', () => {
    edit('spec/tmdb-auth.yaml', (text) =>
      text
        .replace('required: [success, expires_at, request_token]', 'required: [success, request_token]')
        .replace(
          /( {4}TokenResponseWithExpiration:\n(?: {6}.*\n)*? {6}properties:\n(?: {8}success:\n {10}type: boolean\n))(?: {8}expires_at:\n(?: {10}.*\n)+)/,
          '$1',
        ),
    );
    return done();
  });
  step(
    'the breaking-change gate fails, naming the removed required property',
    () => node('scripts/spec-breaking.mjs'),
    {
      status: 1,
      includes: [`at v${nextMinor} (the last release tag)`, 'removed the required property `expires_at`', 'FAIL:'],
    },
  );
  step('the gate says it in Markdown too', () => node('scripts/spec-breaking.mjs', '--markdown'), {
    status: 1,
    includes: ['## Breaking-change report for the spec', '| ERR |'],
  });
  step(
    'the changeset check refuses a minor changeset for a breaking change',
    () => {
      changeset('token-expiry-gone', 'minor', 'Request tokens no longer carry `expires_at`.');
      return node('scripts/changeset-check.mjs');
    },
    { status: 1, includes: ['ask for a major release and the changesets say minor'] },
  );
  step(
    'with a major changeset pending, the gate and the changeset check pass',
    () => {
      changeset('token-expiry-gone', 'major', 'Request tokens no longer carry `expires_at`: TMDb stopped sending it.');
      const gate = node('scripts/spec-breaking.mjs');
      const check = node('scripts/changeset-check.mjs');
      return done(gate.status || check.status, `${gate.output}\n${check.output}`);
    },
    { includes: ['released as a major version', 'their level: major'] },
  );
} catch (error) {
  if (!String(error.message).startsWith('step failed')) {
    console.log(`FAIL  ${error.message}`);
    results.push({ name: 'setup', ok: false });
  }
}

const failed = results.filter((result) => !result.ok).length;
console.log(
  `\nspec workflow end to end: ${((Date.now() - started) / 1000).toFixed(0)} s\n` +
    `${results.length - failed} passed, ${failed} failed`,
);
if (failed) {
  console.log(`The scratch repository is kept for inspection at ${repo}`);
  process.exitCode = 1;
} else {
  rmSync(scratch, { recursive: true, force: true });
}
