#!/usr/bin/env node
// `npm run spec:upstream -- <file or URL> [--markdown] [--verbose] [--update-pin]`: the upstream drift report.
// Reads TMDb's official OpenAPI document, takes its authentication operations and compares them with ours; every
// difference must be explained in spec/upstream.yaml, or the command exits 1 and says what to change.
// With no document given it reads the copy the pin in spec/upstream.yaml names (kept in the test fixtures).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { authSurface, parseOpenApi, readOpenApiFile } from './lib/openapi-surface.mjs';
import { apiOf, classify, compareSurfaces, readExplanations, sha256, writePin } from './lib/upstream-drift.mjs';
import { readGeneratorConfig, repoRoot } from './lib/generator-config.mjs';

const USAGE = `usage: npm run spec:upstream -- [<TMDb OpenAPI file or URL>] [--markdown] [--verbose] [--update-pin]
  --markdown       write the report as Markdown (for a pull request) instead of for a terminal
  --format <f>     text (default) or markdown
  --verbose        list every explained difference, not only a count per reason
  --update-pin     record the document's address and SHA-256 in spec/upstream.yaml (only when nothing is new)
  --spec <file>    our spec (default: the generator's input, spec/tmdb-auth.yaml)
  --explained <f>  the explanations file (default: spec/upstream.yaml)`;

const relative = (file) => path.relative(process.cwd(), file) || file;

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
  const markdown = values.markdown || values.format === 'markdown';
  const specFile = path.resolve(values.spec ?? readGeneratorConfig().documents[0].inputSpec);
  const explainedFile = path.resolve(values.explained ?? path.join(path.dirname(specFile), 'upstream.yaml'));
  const { pins, explained } = readExplanations(explainedFile);

  let source = positionals[0];
  if (!source) {
    const copy = pins.find((pin) => pin.copy)?.copy;
    if (!copy) usage('No document given, and no pin in the explanations file names a copy to read.');
    source = path.join(repoRoot, copy);
  }
  const { bytes, origin } = await load(source);
  const upstream = authSurface(parseOpenApi(bytes.toString('utf8'), origin));
  if (upstream.size === 0)
    throw new Error(`${origin} has no authentication operations (paths under /3/authentication or /4/auth).`);
  const api = apiOf(upstream);
  const ours = new Map(
    [...authSurface(readOpenApiFile(specFile))].filter(([key]) => api.includes(`v${key.split('/')[1]}`)),
  );

  const hash = sha256(bytes);
  const pin = pins.find((entry) => entry.api === api);
  const result = classify(compareSurfaces(upstream, ours), explained);
  const report = {
    origin,
    hash,
    api,
    pin,
    specFile: relative(specFile),
    explainedFile: relative(explainedFile),
    counts: { upstream: upstream.size, ours: ours.size },
    ...result,
  };
  console.log(markdown ? renderMarkdown(report, values.verbose) : renderText(report, values.verbose));

  const failed = result.fresh.length > 0 || result.stale.length > 0;
  if (values['update-pin']) {
    if (failed) {
      console.error('\nNot updating the pin: reconcile the differences above first.');
    } else {
      const copy = pin?.copy;
      // Reading the kept copy says nothing new about where the document came from: keep the recorded source.
      const isCopy = copy && path.resolve(repoRoot, copy) === path.resolve(origin);
      writePin(explainedFile, { api, ...(isCopy ? {} : { source: origin }), sha256: hash });
      console.error(`\nPinned ${api} to ${origin} (sha256 ${hash}) in ${relative(explainedFile)}.`);
      if (copy && hash !== sha256(readFileSync(path.join(repoRoot, copy)))) {
        console.error(`Copy the document to ${copy} as well, so the offline check reads what was pinned.`);
      }
    }
  }
  process.exitCode = failed ? 1 : 0;
}

async function load(source) {
  if (/^https?:\/\//.test(source)) {
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
  return { bytes: readFileSync(source), origin: relative(path.resolve(source)) };
}

function pinLine(report) {
  const { pin, hash, api } = report;
  if (!pin) return `no ${api} pin in ${report.explainedFile} yet (run again with --update-pin to record this document)`;
  if (pin.sha256 === hash)
    return `the document pinned for ${api} in ${report.explainedFile}: unchanged since it was reconciled`;
  return (
    `differs from the document pinned for ${api} (${pin.source}, sha256 ${pin.sha256.slice(0, 12)}…): ` +
    'TMDb changed it; once nothing below is new, record it with --update-pin'
  );
}

function groupByReason(explained) {
  const groups = new Map();
  for (const difference of explained) {
    if (!groups.has(difference.reason)) groups.set(difference.reason, []);
    groups.get(difference.reason).push(difference);
  }
  return groups;
}

function verdict(report) {
  const { fresh, stale, explained } = report;
  if (fresh.length === 0 && stale.length === 0) {
    return `OK: all ${explained.length} differences between TMDb's document and ${report.specFile} are explained.`;
  }
  const parts = [];
  if (fresh.length) parts.push(`${fresh.length} new difference${fresh.length === 1 ? '' : 's'}`);
  if (stale.length) parts.push(`${stale.length} explained difference${stale.length === 1 ? '' : 's'} no longer seen`);
  return `FAIL: ${parts.join(' and ')}.`;
}

const firstSentence = (text) => text.replace(/\s+/g, ' ').split(/(?<=\.) /)[0];

function renderText(report, verbose) {
  const lines = [
    `Upstream: ${report.origin} (sha256 ${report.hash})`,
    `          ${pinLine(report)}`,
    `Ours:     ${report.specFile}, explained in ${report.explainedFile}`,
    `Compared ${report.counts.upstream} upstream ${report.api} authentication operations with our ${report.counts.ours}.`,
    '',
  ];
  if (report.fresh.length) {
    lines.push(
      `New differences (${report.fresh.length}): change ${report.specFile}, or explain each in ${report.explainedFile}`,
    );
    for (const difference of report.fresh) {
      lines.push(`  x ${difference.key}`);
      lines.push(`      upstream: ${difference.upstream}; ours: ${difference.ours}`);
      lines.push(`      to do: ${difference.advice}`);
    }
    lines.push('');
  }
  if (report.stale.length) {
    lines.push(
      `Explained but no longer seen (${report.stale.length}): remove these lines from ${report.explainedFile}`,
    );
    for (const key of report.stale) lines.push(`  - ${key}`);
    lines.push('');
  }
  lines.push(`Explained (${report.explained.length}):`);
  for (const [reason, differences] of groupByReason(report.explained)) {
    lines.push(`  ${differences.length} x ${firstSentence(reason)}`);
    if (verbose) for (const difference of differences) lines.push(`      ${difference.key}`);
  }
  lines.push('', verdict(report));
  return lines.join('\n');
}

function renderMarkdown(report, verbose) {
  const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '## TMDb upstream drift report',
    '',
    `- Upstream: \`${report.origin}\`, SHA-256 \`${report.hash}\`: ${pinLine(report)}`,
    `- Ours: \`${report.specFile}\`, differences explained in \`${report.explainedFile}\``,
    `- ${report.counts.upstream} upstream ${report.api} authentication operations, ${report.counts.ours} of ours`,
    '',
    `**${verdict(report)}**`,
    '',
  ];
  if (report.fresh.length) {
    lines.push(`### New differences (${report.fresh.length})`, '');
    lines.push('| difference | upstream | ours | to do |', '| --- | --- | --- | --- |');
    for (const d of report.fresh) {
      lines.push(`| \`${cell(d.key)}\` | ${cell(d.upstream)} | ${cell(d.ours)} | ${cell(d.advice)} |`);
    }
    lines.push('');
  }
  if (report.stale.length) {
    lines.push(`### Explained but no longer seen (${report.stale.length})`, '');
    for (const key of report.stale) lines.push(`- \`${key}\``);
    lines.push('');
  }
  lines.push(`### Explained (${report.explained.length})`, '');
  for (const [reason, differences] of groupByReason(report.explained)) {
    if (!verbose) {
      lines.push(`- ${differences.length} × ${cell(reason)}`);
      continue;
    }
    lines.push(`<details><summary>${differences.length} × ${cell(reason)}</summary>`, '');
    for (const difference of differences) lines.push(`- \`${difference.key}\``);
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
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
