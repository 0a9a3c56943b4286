// Fails when modules under src/ import each other in a cycle, type-only imports included: a cycle between the
// public modules and src/internal/ means neither side can be read, moved or loaded on its own.
// TypeScript's own pre-processor lists each file's imports, so no import is missed however it is written.
// Usage: node scripts/check-import-cycles.mjs [folder ...]   (default: src)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src'];
const files = folders.flatMap((folder) =>
  readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(m|c)?ts$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.join(root, folder, file)),
);
const compilerOptions = { moduleResolution: ts.ModuleResolutionKind.Node10, allowJs: false };

const graph = new Map(
  files.map((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => ts.resolveModuleName(fileName, file, compilerOptions, ts.sys).resolvedModule)
      .filter((resolved) => resolved && !resolved.isExternalLibraryImport)
      .map((resolved) => path.resolve(resolved.resolvedFileName))
      .filter((target) => files.includes(target));
    return [file, [...new Set(targets)]];
  }),
);

// Depth-first search; a file met again while still on the path closes a cycle.
const cycles = [];
const done = new Set();
const onPath = [];
function visit(file) {
  const at = onPath.indexOf(file);
  if (at !== -1) return cycles.push([...onPath.slice(at), file]);
  if (done.has(file)) return;
  onPath.push(file);
  for (const target of graph.get(file) ?? []) visit(target);
  onPath.pop();
  done.add(file);
}
for (const file of graph.keys()) visit(file);

if (cycles.length > 0) {
  console.error(`Import cycles under ${folders.join(', ')} (type-only imports count too):`);
  for (const cycle of cycles) console.error(`  ${cycle.map((file) => path.relative(root, file)).join(' -> ')}`);
  console.error('Move what both sides need into a module that imports neither.');
  process.exit(1);
}
console.log(`No import cycle among ${graph.size} modules under ${folders.join(', ')}.`);
