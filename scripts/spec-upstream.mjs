#!/usr/bin/env node
// `npm run spec:upstream -- <file or URL> [--markdown] [--verbose] [--update-pin]`: the upstream drift report.
// oasdiff compares our spec with TMDb's official OpenAPI document, its authentication operations only; every
// difference it reports must be explained in spec/upstream.yaml, and every explained one must still be seen, or
// the command exits 1 and says what to change. With no document given it reads the copy the pin names.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { oasdiffChangelog } from './ensure-oasdiff.mjs';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';
import { renderReport } from './lib/report.mjs';

const USAGE = `usage: npm run spec:upstream -- [<TMDb OpenAPI file or URL>] [--markdown] [--verbose] [--update-pin]
  --markdown       write the report as Markdown (for a pull request) instead of for a terminal
  --format <f>     text (default) or markdown
  --verbose        list every explained difference, not only a count per reason
  --update-pin     record the document's address and SHA-256 in spec/upstream.yaml (only when nothing is new)
  --spec <file>    our spec (default: the generator's input, spec/tmdb-auth.yaml)
  --explained <f>  the explanations file (default: spec/upstream.yaml)`;

// v3's `/3/authentication...` and v4's `/4/auth/...`, with the version from the path or from the server URL.
const AUTH_PATH = '^(/\\d+)?/auth(entication)?(/|$)';
// Names and documentation, not what goes over the wire: operation ids, tags, component names (their schemas are
// compared where operations use them), security declared globally or as components (compared per operation),
// defaults of response fields.
const NOT_ON_THE_WIRE = /operation-id|api-tag|api-schema|global-security|security-component|response-property-default/;

const relative = (file) => path.relative(process.cwd(), file) || file;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      markdown: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      verbose: { type: 'boolean', default: false },
      'update-pin': { type: 'boolean', default: false },
      spec: { type: 'string' },
      explained: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (positionals.length > 1 || !['text', 'markdown'].includes(values.format)) usage();
  const specFile = path.resolve(values.spec ?? readGeneratorConfig().documents[0].inputSpec);
  const explainedFile = path.resolve(values.explained ?? path.join(path.dirname(specFile), 'upstream.yaml'));
  const { pins = [], explained = [] } = parse(readFileSync(explainedFile, 'utf8')) ?? {};
  for (const entry of explained) {
    if (typeof entry.reason !== 'string' || !entry.reason.trim() || !Array.isArray(entry.differences))
      throw new Error(
        `${explainedFile}: every entry of \`explained\` needs a \`reason\` and a list of \`differences\`.`,
      );
  }

  const source = positionals[0] ?? pins.find((pin) => pin.copy)?.copy;
  if (!source) usage('No document given, and no pin in the explanations file names a copy to read.');
  const { bytes, origin } = await load(positionals[0] ? source : path.join(repoRoot, source));
  const upstream = openApi(bytes.toString('utf8'), origin);
  const versions = new Set(
    Object.keys(upstream.doc.paths ?? {})
      .map((route) => `${upstream.base}${route}`)
      .filter((route) => new RegExp(AUTH_PATH).test(route))
      .map((route) => `v${route.split('/')[1]}`),
  );
  if (versions.size === 0)
    throw new Error(`${origin} has no authentication operations (paths under /3/authentication or /4/auth).`);
  const api = [...versions].sort().join('+');
  const ours = openApi(readFileSync(specFile, 'utf8'), specFile);

  // From our spec to TMDb's: "added" is what only TMDb's document has, "removed" what only ours has.
  const prefixes = [
    ...(ours.base ? ['--prefix-base', ours.base] : []),
    ...(upstream.base ? ['--prefix-revision', upstream.base] : []),
  ];
  const args = ['--match-path', AUTH_PATH, '--auto-upgrade', ...prefixes];
  // oasdiff names an operation's security schemes; what a scheme is (TMDb's `sec0`: an API key in a header) is
  // added here, so a scheme that changes under the same name is a new difference.
  const scheme = ({ id, text }) => {
    const name = /^api-security-(added|removed)$/.test(id) && /`([^`]+)`/.exec(text)?.[1];
    const found = name && (id.endsWith('added') ? upstream : ours).doc.components?.securitySchemes?.[name];
    return found
      ? ` (${[found.type, found.in, found.name, found.scheme, found['x-bearer-format']].filter(Boolean).join(' ')})`
      : '';
  };
  const differences = oasdiffChangelog(specFile, '-', { args, input: bytes })
    .filter((change) => !NOT_ON_THE_WIRE.test(change.id))
    .map((change) => ({
      key: `${change.path ? `${change.operation} ${change.path}` : change.section}: ${change.text}${scheme(change)}`,
      id: change.id,
    }));

  const reasons = new Map(explained.flatMap((entry) => entry.differences.map((key) => [key, entry.reason.trim()])));
  const seen = new Set(differences.map((difference) => difference.key));
  const report = {
    origin,
    hash: sha256(bytes),
    api,
    pin: pins.find((entry) => entry.api === api),
    specFile: relative(specFile),
    explainedFile: relative(explainedFile),
    fresh: differences.filter((difference) => !reasons.has(difference.key)).sort(byKey),
    stale: [...reasons.keys()].filter((key) => !seen.has(key)).sort(),
    // By reason, in the explanations file's order, so the report reads like the file.
    explained: explained.map((entry) => ({
      reason: entry.reason.trim(),
      keys: entry.differences.filter((key) => seen.has(key)),
    })),
  };
  report.explainedCount = report.explained.reduce((sum, entry) => sum + entry.keys.length, 0);
  const markdown = values.markdown || values.format === 'markdown';
  console.log(render(report, markdown, values.verbose));

  const failed = report.fresh.length > 0 || report.stale.length > 0;
  if (values['update-pin']) {
    if (failed) {
      console.error('\nNot updating the pin: reconcile the differences above first.');
    } else {
      const copy = report.pin?.copy;
      // Reading the kept copy says nothing new about where the document came from: keep the recorded source.
      const isCopy = copy && path.resolve(repoRoot, copy) === path.resolve(origin);
      writePin(explainedFile, { api, ...(isCopy ? {} : { source: origin }), sha256: report.hash });
      console.error(`\nPinned ${api} to ${origin} (sha256 ${report.hash}) in ${report.explainedFile}.`);
      if (copy && report.hash !== sha256(readFileSync(path.join(repoRoot, copy))))
        console.error(`Copy the document to ${copy} as well, so the offline check reads what was pinned.`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

const byKey = (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

async function load(source) {
  if (!/^https?:\/\//.test(source)) return { bytes: readFileSync(source), origin: relative(path.resolve(source)) };
  let response;
  try {
    response = await fetch(source);
  } catch (error) {
    throw new Error(
      `Could not fetch ${source} (${error.cause?.code ?? error.message}). Download it where TMDb is reachable and pass the file.`,
    );
  }
  if (!response.ok) throw new Error(`Fetching ${source} answered HTTP ${response.status}.`);
  return { bytes: Buffer.from(await response.arrayBuffer()), origin: source };
}

/** The document, and the path its first server puts before every path (`/3` for `https://api.themoviedb.org/3`). */
function openApi(text, origin) {
  const doc = parse(text);
  if (typeof doc?.openapi !== 'string' || !doc.openapi.startsWith('3.'))
    throw new Error(`${origin} is not an OpenAPI 3.x document (no \`openapi: 3.x\` field).`);
  const url = doc.servers?.[0]?.url;
  return { doc, base: url ? new URL(url, 'https://placeholder.invalid').pathname.replace(/\/+$/, '') : '' };
}

function pinLine({ pin, hash, api, explainedFile }) {
  if (!pin) return `no ${api} pin in ${explainedFile} yet (run again with --update-pin to record this document)`;
  if (pin.sha256 === hash)
    return `the document pinned for ${api} in ${explainedFile}: unchanged since it was reconciled`;
  return (
    `differs from the document pinned for ${api} (${pin.source}, sha256 ${pin.sha256.slice(0, 12)}…): ` +
    'TMDb changed it; once nothing below is new, record it with --update-pin'
  );
}

function render(report, markdown, verbose) {
  const { fresh, stale, explained, explainedCount, specFile, explainedFile } = report;
  const counted = (count, what) => `${count} ${what}${count === 1 ? '' : 's'}`;
  const failures = [
    ...(fresh.length ? [counted(fresh.length, 'new difference')] : []),
    ...(stale.length ? [counted(stale.length, 'explained difference') + ' no longer seen'] : []),
  ];
  const firstSentence = (text) => text.replace(/\s+/g, ' ').split(/(?<=\.) /)[0];
  return renderReport(
    {
      title: 'TMDb upstream drift report',
      facts: [
        `Upstream: ${report.origin} (sha256 ${report.hash}): ${pinLine(report)}`,
        `Ours: ${specFile}, differences explained in ${explainedFile}`,
        `Compared by oasdiff, ${report.api} authentication operations: "added" is what only TMDb's document has, "removed" what only ours has.`,
      ],
      sections: [
        {
          heading: `New differences (${fresh.length}): change ${specFile} to match TMDb, or explain each in ${explainedFile}`,
          items: fresh.map(({ key, id }) => `x ${key} [${id}]`),
        },
        {
          heading: `Explained but no longer seen (${stale.length}): remove these lines from ${explainedFile}`,
          items: stale.map((key) => `- ${key}`),
        },
        {
          heading: `Explained (${explainedCount})`,
          items: explained.map(({ reason, keys }) => [
            `${keys.length} x ${markdown ? reason : firstSentence(reason)}`,
            verbose ? keys : [],
          ]),
        },
      ],
      verdict: failures.length
        ? `FAIL: ${failures.join(' and ')}.`
        : `OK: all ${explainedCount} differences between TMDb's document and ${specFile} are explained.`,
    },
    markdown,
  );
}

// Rewrites one pin in the explanations file line by line, so its comments and the layout of everything else stay
// as they are (a YAML library's round trip reflows the reasons).
function writePin(file, pin) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const quote = (value) => (/^[\w./-]+$/.test(value) ? value : `'${String(value).replace(/'/g, "''")}'`);
  const pinsAt = lines.findIndex((line) => /^pins:\s*$/.test(line));
  if (pinsAt === -1) throw new Error(`${file} has no \`pins:\` list to record the pin in.`);
  const itemAt = lines.findIndex((line, index) => index > pinsAt && line.trim() === `- api: ${pin.api}`);
  if (itemAt === -1) {
    const entry = Object.entries(pin).map(([field, value], i) => `${i ? '    ' : '  - '}${field}: ${quote(value)}`);
    lines.splice(pinsAt + 1, 0, ...entry);
  } else {
    for (const [field, value] of Object.entries(pin)) {
      if (field === 'api') continue;
      let at = itemAt + 1;
      while (at < lines.length && /^ {4}\S/.test(lines[at]) && !lines[at].startsWith(`    ${field}:`)) at += 1;
      if (lines[at]?.startsWith(`    ${field}:`)) lines[at] = `    ${field}: ${quote(value)}`;
      else lines.splice(itemAt + 1, 0, `    ${field}: ${quote(value)}`);
    }
  }
  writeFileSync(file, lines.join('\n'));
}

function usage(message) {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(2);
});
