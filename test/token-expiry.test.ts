import nock from 'nock';
import { TmdbArgumentError, expiresInMs, isExpired, parseTmdbDate } from 'tmdb-auth-client';
import { httpDate, tmdbDate } from './helpers/fake-time';
import { BASE_URL, GUEST_SESSION_ID, testClient, tokenBody } from './helpers/tmdb';

describe('parseTmdbDate', () => {
  it("parses TMDb's `YYYY-MM-DD HH:MM:SS UTC` as UTC", () => {
    expect(parseTmdbDate('2016-08-26 17:04:39 UTC').toISOString()).toBe('2016-08-26T17:04:39.000Z');
  });

  it('parses a leap day', () => {
    expect(parseTmdbDate('2024-02-29 00:00:00 UTC').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  test.each([
    ['an ISO 8601 string', '2016-08-26T17:04:39Z'],
    ['a date without the UTC suffix', '2016-08-26 17:04:39'],
    ['another time zone', '2016-08-26 17:04:39 GMT'],
    ['an HTTP date', 'Fri, 26 Aug 2016 17:04:39 GMT'],
    ['a date with surrounding space', ' 2016-08-26 17:04:39 UTC'],
    ['an impossible day', '2023-02-29 00:00:00 UTC'],
    ['an impossible month', '2016-13-01 00:00:00 UTC'],
    ['an impossible hour', '2016-08-26 24:00:00 UTC'],
    ['an impossible minute', '2016-08-26 12:60:00 UTC'],
    ['an empty string', ''],
    ['a number', 1472231079000],
    ['null', null],
  ])('rejects %s with a TmdbArgumentError that shows the expected format', (_, input) => {
    expect(() => parseTmdbDate(input as string)).toThrow(TmdbArgumentError);
    expect(() => parseTmdbDate(input as string)).toThrow(/YYYY-MM-DD HH:MM:SS UTC|not a real date/);
  });
});

describe('isExpired and expiresInMs', () => {
  const token = { expiresAt: new Date('2030-01-01T01:00:00Z') };
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('measures the time left against the given clock', () => {
    expect(expiresInMs(token, now)).toBe(3_600_000);
    expect(expiresInMs(token, new Date(now))).toBe(3_600_000);
    expect(expiresInMs(token, now + 4_000_000)).toBe(-400_000);
  });

  it('says expired at and after expiresAt, not before', () => {
    expect(isExpired(token, { now })).toBe(false);
    expect(isExpired(token, { now: token.expiresAt })).toBe(true);
    expect(isExpired(token, { now: token.expiresAt.getTime() + 1 })).toBe(true);
  });

  it('counts a token within the margin of its expiry as expired', () => {
    expect(isExpired(token, { now, marginMs: 3_599_999 })).toBe(false);
    expect(isExpired(token, { now, marginMs: 3_600_000 })).toBe(true);
  });

  it('works on any object with an expiresAt Date', () => {
    const guest = { guestSessionId: 'g', expiresAt: new Date(now + 10) };
    expect(isExpired(guest, { now })).toBe(false);
  });

  test.each([
    ['no expiresAt', {}],
    ['a string expiresAt', { expiresAt: '2030-01-01 00:00:00 UTC' }],
    ['an invalid Date', { expiresAt: new Date('nope') }],
  ])('rejects an object with %s', (_, item) => {
    expect(() => isExpired(item as never)).toThrow(TmdbArgumentError);
  });

  test.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a marginMs of %p', (marginMs) => {
    expect(() => isExpired(token, { now, marginMs })).toThrow(/marginMs/);
  });
});

describe('expiresAt on the local clock', () => {
  it("is rebased with TMDb's Date header, so a local clock that is off still judges expiry right", async () => {
    const { client, time } = testClient();
    // TMDb's clock reads 10 minutes later than ours; its token has 60 minutes left by its clock.
    const serverNow = time.now() + 10 * 60_000;
    nock(BASE_URL)
      .get('/authentication/token/new')
      .query(true)
      .reply(200, tokenBody(tmdbDate(serverNow + 60 * 60_000)), { Date: httpDate(serverNow) });

    const token = await client.createRequestToken();

    expect(expiresInMs(token, time.now())).toBe(60 * 60_000);
    expect(token.expiresAt.getTime()).toBe(time.now() + 60 * 60_000);
  });

  it('is kept as TMDb gave it when there is no Date header', async () => {
    const { client } = testClient();
    nock(BASE_URL).get('/authentication/token/new').query(true).reply(200, tokenBody('2030-01-01 00:00:00 UTC'));

    const token = await client.createRequestToken();

    expect(token.expiresAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('applies to guest sessions too', async () => {
    const { client, time } = testClient();
    const serverNow = time.now() - 5 * 60_000;
    nock(BASE_URL)
      .get('/authentication/guest_session/new')
      .query(true)
      .reply(
        200,
        { success: true, guest_session_id: GUEST_SESSION_ID, expires_at: tmdbDate(serverNow + 24 * 3_600_000) },
        { Date: httpDate(serverNow) },
      );

    const guest = await client.createGuestSession();

    expect(guest).toEqual({ guestSessionId: GUEST_SESSION_ID, expiresAt: new Date(time.now() + 24 * 3_600_000) });
  });
});
