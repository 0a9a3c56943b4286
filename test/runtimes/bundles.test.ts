import type { BuildOptions } from 'esbuild';
import { bundle, consumerProject, nodeBuiltinsImportedBy, packagesIn, type ConsumerProject } from './runtime-project';

// How apps bundle the package for runtimes without Node's built-ins: esbuild for a browser, and for a Worker
// with workerd's condition on the platform-neutral setting (where no "browser" field of any package applies).
const TARGETS: Record<string, BuildOptions> = {
  browser: { platform: 'browser' },
  'workerd (platform neutral)': { platform: 'neutral', conditions: ['workerd', 'worker'] },
};

const LOGIN_APP = `
  import { TmdbAuthClient } from 'tmdb-auth-client';
  const tmdb = new TmdbAuthClient({ apiKey: '0123456789abcdef0123456789abcdef' });
  tmdb.createRequestToken().then((token) => console.log(token.requestToken));
`;

let project: ConsumerProject;

beforeAll(() => {
  project = consumerProject();
});

afterAll(() => {
  project.remove();
});

describe.each(Object.entries(TARGETS))('bundled for %s', (_name, options) => {
  it('the main entry bundles with no Node built-in in the output', async () => {
    const { metafile, code } = await bundle(project.dir, LOGIN_APP, { ...options, minify: true });
    expect(nodeBuiltinsImportedBy(metafile)).toEqual([]);
    expect(code).not.toMatch(/\brequire\(["'](node:)?(http|https|net|tls|stream|zlib|url|util)["']\)/);
    expect(packagesIn(metafile)).toEqual(['axios', 'tmdb-auth-client']);
  });

  it('./generated bundles with no Node built-in either', async () => {
    const app = `
      import { AuthenticationApi, Configuration } from 'tmdb-auth-client/generated';
      new AuthenticationApi(new Configuration({ apiKey: 'k' })).getNewAuthenticationToken();
    `;
    const { metafile } = await bundle(project.dir, app, options);
    expect(nodeBuiltinsImportedBy(metafile)).toEqual([]);
  });

  it('./testing (the emulator) bundles to a module that says it needs Node.js', async () => {
    const app = `import { startTmdbEmulator } from 'tmdb-auth-client/testing'; startTmdbEmulator();`;
    const { code, metafile } = await bundle(project.dir, app, options);
    expect(nodeBuiltinsImportedBy(metafile)).toEqual([]);
    expect(code).toMatch(/runs only on Node\.js/);
  });
});

describe('tree-shaking (sideEffects: false) in a browser bundle', () => {
  test.each([
    [
      'parseTmdbDate',
      `import { parseTmdbDate } from 'tmdb-auth-client'; console.log(parseTmdbDate('2016-08-26 17:04:39 UTC'));`,
    ],
    [
      'parseApprovalRedirect',
      `import { parseApprovalRedirect } from 'tmdb-auth-client'; console.log(parseApprovalRedirect(location.href));`,
    ],
    ['isExpired', `import { isExpired } from 'tmdb-auth-client'; console.log(isExpired({ expiresAt: new Date() }));`],
  ])('an app that imports only %s pulls in no axios and no HTTP code', async (_name, app) => {
    const { metafile, code } = await bundle(project.dir, app, { platform: 'browser', minify: true });
    expect(packagesIn(metafile)).toEqual(['tmdb-auth-client']);
    expect(code).not.toMatch(/AuthenticationApi|XMLHttpRequest|fetch\(/);
  });
});
