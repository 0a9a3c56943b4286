// Fixes to the generator's output that no generator option gives, applied by `generateInto` (so `npm run generate`,
// the drift check and the mutation proof all see the same files). Each fix names the line it expects and fails
// loudly when a generator upgrade changes it, rather than silently shipping the problem again.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const AXIOS_TYPES_IMPORT = "import type { AxiosPromise, AxiosInstance, RawAxiosRequestConfig } from 'axios';";
const AXIOS_TYPES_IMPORT_FIXED =
  "import type { AxiosPromise, AxiosInstance, AxiosResponse, RawAxiosRequestConfig } from 'axios'; // AxiosResponse: see scripts/lib/post-process-generated.mjs";

// Paths below the folder that holds every document's output (generated/, or a scratch copy of it).
const FIXES = [
  {
    // The API class's methods have no declared return type, so tsc infers one and writes it into the .d.ts as
    // `globalAxios.AxiosResponse<...>`, reaching the type through axios's default export. That only resolves where
    // axios's CommonJS typings are picked (node16/nodenext); under `moduleResolution: node10` (a `module: commonjs`
    // project) with `skipLibCheck: false` it is nine "TS2503 Cannot find namespace 'globalAxios'". Importing the
    // type by name lets tsc write plain `AxiosResponse<...>`, which resolves under every setting.
    file: 'api/authentication-api.ts',
    from: AXIOS_TYPES_IMPORT,
    to: AXIOS_TYPES_IMPORT_FIXED,
  },
  // The same for the v4 document's API class.
  { file: 'v4/api/auth-api.ts', from: AXIOS_TYPES_IMPORT, to: AXIOS_TYPES_IMPORT_FIXED },
];

/** Applies every fix to the generator's output below `rootDir`. @throws when a fix no longer applies. */
export function postProcessGenerated(rootDir) {
  for (const fix of FIXES) {
    const file = path.join(rootDir, fix.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(fix.from)) {
      throw new Error(
        `scripts/lib/post-process-generated.mjs: ${fix.file} no longer contains\n  ${fix.from}\n` +
          'The generator changed; update the fix (and check that the problem it solves is still solved).',
      );
    }
    writeFileSync(file, text.replace(fix.from, fix.to));
  }
}
