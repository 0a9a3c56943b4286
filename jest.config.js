const installed = process.env.TMDB_AUTH_CLIENT_UNDER_TEST;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // nock's interceptors patch node:http globally; jest's between-file globals cleanup soft-deletes them and then warns
  // (or breaks http.get) in the next file. Several test files cross real sockets now, so keep globals as they are.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The runtime tests (test/runtimes/: Chromium, workerd, Deno, Bun) start whole runtimes. They run on their own,
  // one file at a time (npm run test:runtimes), so their load never slows the timing-sensitive suites beside them.
  testPathIgnorePatterns: process.env.TMDB_RUNTIME_TESTS
    ? ['/node_modules/']
    : ['/node_modules/', '<rootDir>/test/runtimes/'],
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
        }
      : {
          '^tmdb-auth-client$': '<rootDir>/src/index.ts',
          '^tmdb-auth-client/generated$': '<rootDir>/generated/index.ts',
          '^tmdb-auth-client/generated/v4$': '<rootDir>/generated/v4/index.ts',
          '^tmdb-auth-client/testing$': '<rootDir>/src/testing/index.ts',
        }),
  },
  globalSetup: '<rootDir>/test/helpers/global-setup.mjs',
  setupFilesAfterEnv: ['<rootDir>/test/helpers/setup-nock.ts'],
};
