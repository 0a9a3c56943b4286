import { TmdbArgumentError, TmdbAuthClient } from 'tmdb-auth-client';
import { API_KEY, REQUEST_TOKEN } from './helpers/tmdb';

const client = new TmdbAuthClient({ apiKey: API_KEY });

describe('approvalUrl', () => {
  it("points at TMDb's approval page for the token", () => {
    expect(client.approvalUrl(REQUEST_TOKEN)).toBe(`https://www.themoviedb.org/authenticate/${REQUEST_TOKEN}`);
  });

  it('takes the object createRequestToken returns', () => {
    const token = { requestToken: REQUEST_TOKEN, expiresAt: new Date() };
    expect(client.approvalUrl(token)).toBe(`https://www.themoviedb.org/authenticate/${REQUEST_TOKEN}`);
  });

  it('adds redirect_to, encoded', () => {
    const url = new URL(client.approvalUrl(REQUEST_TOKEN, { redirectTo: 'https://app.example/cb?next=/home&x=1' }));
    expect(url.searchParams.get('redirect_to')).toBe('https://app.example/cb?next=/home&x=1');
    expect(url.pathname).toBe(`/authenticate/${REQUEST_TOKEN}`);
  });

  it('follows the approvalBaseUrl option, so an emulator can stand in for TMDb', () => {
    const local = new TmdbAuthClient({ apiKey: API_KEY, approvalBaseUrl: 'http://127.0.0.1:4010/' });
    expect(local.approvalUrl('abc')).toBe('http://127.0.0.1:4010/authenticate/abc');
  });

  test.each(['not a url', '/relative/path', 'javascript:alert(1)', 'ftp://files.example/'])(
    'refuses %s as redirectTo',
    (redirectTo) => {
      expect(() => client.approvalUrl(REQUEST_TOKEN, { redirectTo })).toThrow(TmdbArgumentError);
    },
  );

  test.each(['', '  ', undefined])('refuses %p as the token', (token) => {
    expect(() => client.approvalUrl(token as string)).toThrow(TmdbArgumentError);
  });
});
