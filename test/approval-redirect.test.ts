import { parseApprovalRedirect, TmdbArgumentError, TmdbAuthClient } from 'tmdb-auth-client';
import { API_KEY, REQUEST_TOKEN } from './helpers/tmdb';

describe('parseApprovalRedirect', () => {
  it('reads the token the user approved from the address TMDb sends them back to', () => {
    const back = `https://app.example/tmdb/callback?request_token=${REQUEST_TOKEN}&approved=true`;
    expect(parseApprovalRedirect(back)).toEqual({ requestToken: REQUEST_TOKEN, approved: true });
  });

  it('says approved: false when the user denied the token', () => {
    const back = `https://app.example/tmdb/callback?request_token=${REQUEST_TOKEN}&denied=true`;
    expect(parseApprovalRedirect(back)).toEqual({ requestToken: REQUEST_TOKEN, approved: false });
  });

  it('says approved: false when the address carries a token but neither approved=true nor denied=true', () => {
    expect(parseApprovalRedirect(`https://app.example/cb?request_token=${REQUEST_TOKEN}`)).toEqual({
      requestToken: REQUEST_TOKEN,
      approved: false,
    });
    expect(parseApprovalRedirect(`https://app.example/cb?request_token=${REQUEST_TOKEN}&approved=yes`)?.approved).toBe(
      false,
    );
  });

  it('returns null when the address carries no token (a first visit, before any approval)', () => {
    expect(parseApprovalRedirect('https://app.example/tmdb/callback')).toBeNull();
    expect(parseApprovalRedirect('https://app.example/tmdb/callback?approved=true')).toBeNull();
    expect(parseApprovalRedirect('https://app.example/tmdb/callback?request_token=&approved=true')).toBeNull();
  });

  it('keeps the rest of the address out of it: other parameters and the fragment are ignored', () => {
    const back = `https://app.example/cb?next=%2Fhome&request_token=${REQUEST_TOKEN}&approved=true#tab`;
    expect(parseApprovalRedirect(back)).toEqual({ requestToken: REQUEST_TOKEN, approved: true });
  });

  it('takes a URL object, a path with its query, or just the query (request.url in a server)', () => {
    const expected = { requestToken: REQUEST_TOKEN, approved: true };
    expect(
      parseApprovalRedirect(new URL(`https://app.example/cb?request_token=${REQUEST_TOKEN}&approved=true`)),
    ).toEqual(expected);
    expect(parseApprovalRedirect(`/cb?request_token=${REQUEST_TOKEN}&approved=true`)).toEqual(expected);
    expect(parseApprovalRedirect(`?request_token=${REQUEST_TOKEN}&approved=true`)).toEqual(expected);
  });

  it('reads back what approvalUrl asked TMDb to redirect to, once TMDb has added its parameters', () => {
    const client = new TmdbAuthClient({ apiKey: API_KEY });
    const approval = new URL(client.approvalUrl(REQUEST_TOKEN, { redirectTo: 'https://app.example/cb?from=login' }));
    const back = new URL(approval.searchParams.get('redirect_to') as string);
    back.searchParams.set('request_token', REQUEST_TOKEN);
    back.searchParams.set('approved', 'true');
    expect(parseApprovalRedirect(back.href)).toEqual({ requestToken: REQUEST_TOKEN, approved: true });
  });

  test.each([undefined, null, 42, {}])('refuses %p, which is not an address', (url) => {
    expect(() => parseApprovalRedirect(url as unknown as string)).toThrow(TmdbArgumentError);
  });
});
