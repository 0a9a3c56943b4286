// Compares TMDb's authentication operations with ours and sorts every difference into explained (listed with a
// reason in spec/upstream.yaml), new (not listed: TMDb changed, or our spec did) or stale (listed, no longer seen).
// A difference is named by one line, its key, so the explanations file lists exactly what it excuses and a new
// difference is never covered by accident.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * @typedef {{ key: string, operation: string, upstream: string, ours: string, advice: string }} Difference
 * @param {Map<string, import('./openapi-surface.mjs').Operation>} upstream
 * @param {Map<string, import('./openapi-surface.mjs').Operation>} ours
 * @returns {Difference[]}
 */
export function compareSurfaces(upstream, ours) {
  const differences = [];
  const add = (operation, what, upstreamValue, oursValue, advice) =>
    differences.push({ key: `${operation}: ${what}`, operation, upstream: upstreamValue, ours: oursValue, advice });

  for (const key of union(upstream.keys(), ours.keys())) {
    const theirs = upstream.get(key);
    const mine = ours.get(key);
    if (!mine) {
      add(key, 'operation only upstream', 'present', 'absent', 'add the operation to spec/tmdb-auth.yaml');
      continue;
    }
    if (!theirs) {
      add(
        key,
        'operation only in ours',
        'absent',
        'present',
        'TMDb no longer documents it: remove it or explain why it stays',
      );
      continue;
    }
    compareFields(add, key, 'parameter', theirs.params, mine.params, "the operation's parameters");
    compareBody(add, key, theirs.body, mine.body);
    compareResponses(add, key, theirs.responses, mine.responses);
    if (theirs.security !== mine.security) {
      add(
        key,
        `security: upstream ${theirs.security}; ours ${mine.security}`,
        theirs.security,
        mine.security,
        "change the operation's `security` to match TMDb",
      );
    }
  }
  // Code-unit order, not the locale's: the same on every machine.
  return differences.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function compareBody(add, key, theirs, mine) {
  if (!theirs && !mine) return;
  if (!mine) return add(key, 'request body only upstream', 'present', 'absent', 'add the request body');
  if (!theirs) return add(key, 'request body only in ours', 'absent', 'present', 'TMDb documents no body: remove it');
  if (theirs.required !== mine.required) {
    add(
      key,
      `request body required: upstream ${yesNo(theirs.required)}, ours ${yesNo(mine.required)}`,
      yesNo(theirs.required),
      yesNo(mine.required),
      'set `requestBody.required` to match TMDb',
    );
  }
  compareMedia(add, key, 'request body', theirs.media, mine.media);
  compareFields(add, key, 'request body field', theirs.fields, mine.fields, 'the request body schema');
}

function compareResponses(add, key, theirs, mine) {
  const matchIn = (responses, status) =>
    responses.has(status) ? status : responses.has(`${status[0]}XX`) ? `${status[0]}XX` : undefined;
  const oursMatched = new Set();
  for (const [status, theirResponse] of theirs) {
    const match = matchIn(mine, status);
    if (!match) {
      add(key, `response ${status} only upstream`, 'present', 'absent', `add the ${status} response`);
      continue;
    }
    oursMatched.add(match);
    const where = `response ${status}`;
    compareMedia(add, key, where, theirResponse.media, mine.get(match).media);
    compareFields(
      add,
      key,
      `${where} field`,
      theirResponse.fields,
      mine.get(match).fields,
      `the ${status} response schema`,
    );
  }
  for (const status of mine.keys()) {
    if (oursMatched.has(status) || matchIn(theirs, status)) continue;
    add(key, `response ${status} only in ours`, 'absent', 'present', 'TMDb documents no such response: explain it');
  }
}

function compareMedia(add, key, where, theirs, mine) {
  if (theirs.join() === mine.join()) return;
  const show = (media) => media.join(', ') || 'none';
  add(
    key,
    `${where} media types: upstream ${show(theirs)}; ours ${show(mine)}`,
    show(theirs),
    show(mine),
    `declare the media types TMDb declares for the ${where}`,
  );
}

function compareFields(add, key, what, theirs, mine, schemaName) {
  for (const name of union(theirs.keys(), mine.keys())) {
    const theirField = theirs.get(name);
    const myField = mine.get(name);
    const describe = (field) => `${field.type}, ${field.required ? 'required' : 'optional'}`;
    if (!myField) {
      add(
        key,
        `${what} ${name} only upstream`,
        describe(theirField),
        'absent',
        `add \`${name}\` (${describe(theirField)}) to ${schemaName}`,
      );
    } else if (!theirField) {
      add(
        key,
        `${what} ${name} only in ours`,
        'absent',
        describe(myField),
        `TMDb no longer documents \`${name}\`: remove it from ${schemaName} (a breaking change) or explain it`,
      );
    } else {
      if (theirField.type !== myField.type) {
        add(
          key,
          `${what} ${name} type: upstream ${theirField.type}, ours ${myField.type}`,
          theirField.type,
          myField.type,
          `change the type of \`${name}\` in ${schemaName} to ${theirField.type}`,
        );
      }
      if (theirField.required !== myField.required) {
        add(
          key,
          `${what} ${name} required: upstream ${yesNo(theirField.required)}, ours ${yesNo(myField.required)}`,
          yesNo(theirField.required),
          yesNo(myField.required),
          `${theirField.required ? 'add' : 'remove'} \`${name}\` ${theirField.required ? 'to' : 'from'} the \`required\` list of ${schemaName}`,
        );
      }
    }
  }
}

const yesNo = (value) => (value ? 'yes' : 'no');
const union = (a, b) => [...new Set([...a, ...b])].sort();

/**
 * @typedef {{ api: string, source: string, copy?: string, sha256: string }} Pin
 * @typedef {{ reason: string, differences: string[] }} Explanation
 * @returns {{ pins: Pin[], explained: Explanation[] }}
 */
export function readExplanations(file) {
  const data = parse(readFileSync(file, 'utf8')) ?? {};
  const pins = data.pins ?? [];
  const explained = data.explained ?? [];
  for (const entry of explained) {
    if (typeof entry.reason !== 'string' || !entry.reason.trim() || !Array.isArray(entry.differences)) {
      throw new Error(`${file}: every entry of \`explained\` needs a \`reason\` and a list of \`differences\`.`);
    }
  }
  return { pins, explained };
}

export function classify(differences, explained) {
  const reasons = new Map();
  for (const entry of explained) for (const key of entry.differences) reasons.set(key, entry.reason.trim());
  const order = explained.map((entry) => entry.reason.trim());
  const seen = new Set(differences.map((difference) => difference.key));
  return {
    // In the explanations file's order, so the report reads like the file.
    explained: differences
      .filter((d) => reasons.has(d.key))
      .map((d) => ({ ...d, reason: reasons.get(d.key) }))
      .sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason)),
    fresh: differences.filter((d) => !reasons.has(d.key)),
    stale: [...reasons.keys()].filter((key) => !seen.has(key)).sort(),
  };
}

export const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

// v3 or v4, from the paths' version prefix: the pin of each is kept apart.
export function apiOf(operations) {
  const versions = new Set([...operations.keys()].map((key) => key.split(' ')[1].split('/')[1]));
  return versions.size === 1
    ? `v${[...versions][0]}`
    : [...versions]
        .sort()
        .map((v) => `v${v}`)
        .join('+');
}

// Rewrites one pin in the explanations file line by line, so its comments and the layout of everything else stay
// as they are (a YAML library's round trip reflows the reasons).
export function writePin(file, pin) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const quote = (value) => (/^[\w./-]+$/.test(value) ? value : `'${String(value).replace(/'/g, "''")}'`);
  const pinsAt = lines.findIndex((line) => /^pins:\s*$/.test(line));
  if (pinsAt === -1) throw new Error(`${file} has no \`pins:\` list to record the pin in.`);
  const itemAt = lines.findIndex((line, index) => index > pinsAt && line.trim() === `- api: ${pin.api}`);
  if (itemAt === -1) {
    const entry = Object.entries(pin).map(
      ([field, value], index) => `${index ? '    ' : '  - '}${field}: ${quote(value)}`,
    );
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
