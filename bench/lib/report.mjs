// BENCHMARKS.md is written by the scripts, one section each between markers, so a rerun of one script
// replaces its own tables and leaves the other's.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCHMARKS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'BENCHMARKS.md');

const HEADER = `# Benchmarks

The sections between markers are written by \`npm run bench\` and \`npm run soak\`; rerun either script to refresh
its section. Notes outside them are written by hand.
Numbers are from one run on the machine named in each section: shared, noisy machines; compare ratios, not
absolute times.
`;

export function machineLine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.cpus().length} × ${cpu}, ${memGiB} GiB, ${os.type()} ${os.release()}, Node.js ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function writeSection(name, markdown) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  let text = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : HEADER;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_FILE, text);
}

export function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
