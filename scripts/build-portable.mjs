#!/usr/bin/env node
// Writes dist/portable/: the main entry, ./generated and ./generated/v4 as ES modules for every runtime but Node
// (browsers, Workers, Deno, Bun; package.json's export conditions choose them), bundled with one shared chunk and
// no Node built-in: the Node transport (default-axios.ts, request-token-source.ts) is swapped for its portable
// twin, and `axios` for axios's own browser build, since its main entry reaches node:http wherever axios's
// "browser" field is not applied (platform "neutral" for workerd, Deno loading files as they are). The types are
// the Node build's. ./testing gets a module whose functions say that the emulator needs Node.js.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './lib/generator-config.mjs';

const outdir = path.join(repoRoot, 'dist', 'portable');
const AXIOS_SHIM = 'tmdb-auth-client:axios';

/** @type {import('esbuild').Plugin} */
const portable = {
  name: 'portable',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/default-axios$/ }, (args) => ({
      path: path.join(args.resolveDir, 'default-axios-fetch.ts'),
    }));
    pluginBuild.onResolve({ filter: /^\.\/internal\/request-token-source$/ }, (args) => ({
      path: path.join(args.resolveDir, 'internal', 'request-token-source-portable.ts'),
    }));
    pluginBuild.onResolve({ filter: /^axios$/ }, () => ({ path: AXIOS_SHIM, namespace: 'portable' }));
    // Only the default export is read from the CommonJS build: named imports from CommonJS are guesswork in
    // runtimes that load the file as it is.
    pluginBuild.onLoad({ filter: /.*/, namespace: 'portable' }, () => ({
      contents:
        "import axios from 'axios/dist/browser/axios.cjs';\n" +
        'export default axios;\nexport const isAxiosError = axios.isAxiosError;\n',
      resolveDir: repoRoot,
      loader: 'js',
    }));
  },
};

const result = await build({
  absWorkingDir: repoRoot,
  entryPoints: { index: 'src/index.ts', generated: 'generated/index.ts', 'generated-v4': 'generated/v4/index.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'shared-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['axios', 'axios/*'],
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [portable],
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const builtins = Object.values(result.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((entry) => entry.external && !entry.path.startsWith('axios'));
if (builtins.length > 0) {
  console.error(`dist/portable imports ${builtins.map((entry) => entry.path).join(', ')}; it must import only axios.`);
  process.exit(1);
}

// ./testing outside Node: every function says that the emulator needs Node.js when called (a module that threw
// when loaded would be dropped by tree-shaking, sideEffects being false, and leave "is not a function").
const require = createRequire(import.meta.url);
const testing = require(path.join(repoRoot, 'dist', 'src', 'testing', 'index.js'));
const NODE_ONLY =
  'tmdb-auth-client/testing (the TMDb emulator) runs only on Node.js 20 or newer: it starts an HTTP server ' +
  'with node:http. Start it in a Node process and point the client at its baseUrl.';
const stub = Object.entries(testing)
  .filter(([name]) => name !== '__esModule')
  .map(([name, value]) =>
    typeof value === 'function'
      ? `export function ${name}() {\n  throw new Error(NODE_ONLY);\n}\n`
      : `export const ${name} = ${JSON.stringify(value)};\n`,
  );
mkdirSync(outdir, { recursive: true });
writeFileSync(
  path.join(outdir, 'testing.mjs'),
  [`const NODE_ONLY = ${JSON.stringify(NODE_ONLY)};\n`, ...stub].join('\n'),
);
