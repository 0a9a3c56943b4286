const installed = process.env.TMDB_AUTH_CLIENT_UNDER_TEST;

// The four jest projects (CONTRIBUTING.md, "The jest projects"). A suite belongs to exactly one: `unit` is every
// suite under test/ that no other project claims, so a new folder lands in the quick loop unless it is listed here.
const FOLDERS = {
  // The scripts around the spec (spec:upstream, spec:breaking, api:check) in scratch repositories.
  tooling: ['spec-workflow'],
  // Real sockets held open and real timers: subprocesses, stalled servers, timeouts that must really fire.
  network: ['network', 'cli', 'hostile', 'outside-clients', 'redis'],
  // Whole runtimes (Chromium, workerd, Deno, Bun): `npm run test:runtimes`, one file at a time.
  runtimes: ['runtimes'],
};

const base = {
  testEnvironment: 'node',
  // nock's interceptors patch node:http globally; jest's between-file globals cleanup soft-deletes them and then warns
  // (or breaks http.get) in the next file. Several test files cross real sockets now, so keep globals as they are.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // An outside client the suite runs (test/outside-clients/) ships only as an ES module, which jest on Node 20
    // cannot load from a CommonJS test: it is compiled to CommonJS as it loads.
    '/node_modules/@lorenzopant/tmdb/.+\\.mjs$': '<rootDir>/test/helpers/esm-to-cjs.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@lorenzopant/tmdb/)'],
  moduleNameMapper: {
    // Its package.json exports it under the `import` condition only; jest resolves with `require`.
    '^@lorenzopant/tmdb$': '<rootDir>/node_modules/@lorenzopant/tmdb/dist/index.mjs',
    // Tests import the package by its published name, as a consumer does; these map it to the sources, or, when
    // TMDB_AUTH_CLIENT_UNDER_TEST names a copy installed from the packed tarball, to that copy's built files.
    ...(installed
      ? {
          '^tmdb-auth-client$': `${installed}/dist/src/index.js`,
          '^tmdb-auth-client/generated$': `${installed}/dist/generated/index.js`,
          '^tmdb-auth-client/generated/v4$': `${installed}/dist/generated/v4/index.js`,
          '^tmdb-auth-client/testing$': `${installed}/dist/src/testing/index.js`,
          '^tmdb-auth-client/redis$': `${installed}/dist/src/redis/index.js`,
        }
      : {
          '^tmdb-auth-client$': '<rootDir>/src/index.ts',
          '^tmdb-auth-client/generated$': '<rootDir>/generated/index.ts',
          '^tmdb-auth-client/generated/v4$': '<rootDir>/generated/v4/index.ts',
          '^tmdb-auth-client/testing$': '<rootDir>/src/testing/index.ts',
          '^tmdb-auth-client/redis$': '<rootDir>/src/redis/index.ts',
        }),
  },
  globalSetup: '<rootDir>/test/helpers/global-setup.mjs',
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup-nock.ts'],
};

const inFolders = (folders) => folders.map((folder) => `<rootDir>/test/${folder}/**/*.test.ts`);

const unit = {
  ...base,
  displayName: 'unit',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    ...Object.values(FOLDERS)
      .flat()
      .map((f) => `<rootDir>/test/${f}/`),
  ],
  // No unit suite waits on a real timer: they take the injected clock and sleep of test/helpers/fake-time.ts.
  setupFilesAfterEnv: [...base.setupFilesAfterEnv, '<rootDir>/test/helpers/no-real-timers.ts'],
};

const projects = [
  unit,
  ...['tooling', 'network', 'runtimes'].map((name) => ({
    ...base,
    displayName: name,
    testMatch: inFolders(FOLDERS[name]),
  })),
];

// The runtimes start whole runtimes and need Chromium, so a bare `jest` (and `npm run test:unit`) leaves them out;
// `npm run test:runtimes` selects them (`--selectProjects runtimes`), as does TMDB_RUNTIME_TESTS=1.
function selectsRuntimes(argv) {
  const at = argv.findIndex((arg) => arg.startsWith('--selectProjects'));
  return at !== -1 && argv.slice(at).some((arg) => arg === 'runtimes' || arg === '--selectProjects=runtimes');
}
const withRuntimes = Boolean(process.env.TMDB_RUNTIME_TESTS) || selectsRuntimes(process.argv);

/** @type {import('jest').Config} */
module.exports = {
  projects: withRuntimes ? projects : projects.filter((project) => project.displayName !== 'runtimes'),
};
