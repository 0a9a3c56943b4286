import nock from 'nock';

// No test may reach a real network: an unmatched request fails loudly instead of leaving the machine.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(
    (host) => host.startsWith('127.0.0.1') || host.startsWith('localhost') || host.startsWith('[::1]'),
  );
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(() => {
  nock.enableNetConnect();
  // Jest loads a fresh nock for every test file; each must take its interceptor off node:http again, or the
  // next file's requests pass through two layers of mocked sockets.
  nock.restore();
});
