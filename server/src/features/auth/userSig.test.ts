import { createHmac } from 'node:crypto';
import { constants, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeUserSig, hmacOf, mintUserSig, toUrlBase64, verifyUserSig } from './userSig';

/**
 * Builds tokens byte for byte the way each official tls-sig-api-v2 library
 * does (contract §1.3): key order, JSON spacing and escaping, zlib level.
 */
interface Fields {
  sdkAppId: number;
  key: string;
  userId: string;
  expire: number;
  time: number;
  userbuf?: Buffer;
}

function sigOf(f: Fields): string {
  let content = `TLS.identifier:${f.userId}\nTLS.sdkappid:${f.sdkAppId}\nTLS.time:${f.time}\nTLS.expire:${f.expire}\n`;
  if (f.userbuf) content += `TLS.userbuf:${f.userbuf.toString('base64')}\n`;
  return createHmac('sha256', f.key).update(content).digest('base64');
}

type Entry = [key: string, value: string | number];
const str = (s: string) => JSON.stringify(s);
function entries(f: Fields, order: string[]): Entry[] {
  const all: Record<string, string | number | undefined> = {
    ver: '2.0',
    identifier: f.userId,
    sdkappid: f.sdkAppId,
    expire: f.expire,
    time: f.time,
    userbuf: f.userbuf?.toString('base64'),
    sig: sigOf(f),
  };
  return order.filter((k) => all[k] !== undefined).map((k) => [`TLS.${k}`, all[k]!]);
}
function compact(list: Entry[], escapeString: (s: string) => string = str): string {
  return `{${list.map(([k, v]) => `${str(k)}:${typeof v === 'string' ? escapeString(v) : v}`).join(',')}}`;
}
function pack(json: string, level: number = constants.Z_DEFAULT_COMPRESSION): string {
  return toUrlBase64(deflateSync(Buffer.from(json, 'utf8'), { level }));
}

const goHtmlEscape = (s: string) => str(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
const phpEscape = (s: string) => str(s).replace(/\//g, '\\/');

const encoders: Record<string, (f: Fields) => string> = {
  // json.dumps default separators ", " and ": "; zlib.compress default level.
  python: (f) =>
    pack(`{${entries(f, ['ver', 'identifier', 'sdkappid', 'expire', 'time', 'userbuf', 'sig']).map(([k, v]) => `${str(k)}: ${typeof v === 'string' ? str(v) : v}`).join(', ')}}`),
  // json_encode escapes "/" as "\/"; gzcompress default level.
  php: (f) => pack(compact(entries(f, ['ver', 'identifier', 'sdkappid', 'expire', 'time', 'userbuf', 'sig']), phpEscape)),
  // json.Encoder: HTML escapes, trailing newline; zlib.NoCompression (tokens start "eAE").
  go: (f) =>
    pack(`${compact(entries(f, ['ver', 'identifier', 'sdkappid', 'expire', 'time', 'userbuf', 'sig']), goHtmlEscape)}\n`, constants.Z_NO_COMPRESSION),
  node: (f) => pack(compact(entries(f, ['ver', 'identifier', 'sdkappid', 'time', 'expire', 'userbuf', 'sig']))),
  // compress2 with Z_BEST_SPEED.
  cpp: (f) => pack(compact(entries(f, ['ver', 'sdkappid', 'identifier', 'time', 'expire', 'userbuf', 'sig'])), constants.Z_BEST_SPEED),
  csharp: (f) => pack(compact(entries(f, ['ver', 'identifier', 'sdkappid', 'expire', 'time', 'sig', 'userbuf']))),
  // org.json's JSONObject is a HashMap: any key order.
  java: (f) => pack(compact(entries(f, ['sig', 'time', 'ver', 'expire', 'identifier', 'userbuf', 'sdkappid']))),
};

const SDKAPPID = 1400123456;
const KEY = 'a3f1c9e07b2d48f6a5c0e1d2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6';
const T0 = 1_700_000_000;

/** A time at which the HMAC's base64 contains "/" and "+", so escaping and the URL alphabet are exercised. */
function interestingTime(userId: string, expire: number): number {
  for (let t = T0; ; t += 1) {
    const sig = sigOf({ sdkAppId: SDKAPPID, key: KEY, userId, expire, time: t });
    if (sig.includes('/') && sig.includes('+')) return t;
  }
}

describe('A2 UserSig verification accepts every official encoder', () => {
  const time = interestingTime('alice', 180 * 86400);
  const fields: Fields = { sdkAppId: SDKAPPID, key: KEY, userId: 'alice', expire: 180 * 86400, time };

  it.each(Object.keys(encoders))('A2 verifies a token encoded like the %s library', (name) => {
    const token = encoders[name]!(fields);
    expect(verifyUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId: 'alice', userSig: token, now: (time + 10) * 1000 })).toEqual({
      ok: true,
      issuedAt: time,
      expiresAt: time + 180 * 86400,
    });
  });

  it.each(Object.keys(encoders))('A2 refuses a %s token that carries a userbuf unless one is expected (then it verifies)', (name) => {
    const token = encoders[name]!({ ...fields, userbuf: Buffer.from([0, 1, 2, 250]) });
    const options = { sdkAppId: SDKAPPID, secretKey: KEY, userId: 'alice', userSig: token, now: time * 1000 };
    expect(verifyUserSig(options)).toEqual({ ok: false, code: 'usersig_malformed', message: expect.stringContaining('userbuf') });
    expect(verifyUserSig({ ...options, expectUserbuf: true }).ok).toBe(true);
    // And the other way round, as Go's ErrUserBufTypeNotMatch: no userbuf where one is expected.
    const plain = encoders[name]!(fields);
    expect(verifyUserSig({ ...options, userSig: plain, expectUserbuf: true })).toMatchObject({ ok: false, code: 'usersig_malformed' });
  });

  it('the encoders really differ in the ways the contract lists', () => {
    expect(encoders.go!(fields).startsWith('eAE')).toBe(true);
    expect(encoders.node!(fields).startsWith('eJ')).toBe(true);
    expect(new Set(Object.values(encoders).map((encode) => encode(fields))).size).toBe(Object.keys(encoders).length);
  });

  it("A2 reads Go's \\u003c HTML escapes in the identifier", () => {
    const odd = { ...fields, userId: 'a<b>&c' };
    const token = encoders.go!(odd);
    expect(verifyUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId: 'a<b>&c', userSig: token, now: time * 1000 }).ok).toBe(true);
  });

  it('A2 accepts a token whose "_" padding was stripped in transit', () => {
    let userId = '';
    let token = '';
    for (let i = 0; !token.endsWith('_'); i += 1) {
      userId = `user${i}`;
      token = encoders.node!({ ...fields, userId });
    }
    const stripped = token.replace(/_+$/, '');
    expect(verifyUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId, userSig: stripped, now: time * 1000 }).ok).toBe(true);
  });
});

describe("A2 Tencent's Go test vector (sdkappid 1, key \"2\", user \"3\", expire 4)", () => {
  const now = T0;
  const token = encoders.go!({ sdkAppId: 1, key: '2', userId: '3', expire: 4, time: now });
  const check = (sdkAppId: number, key: string, userId: string, atSeconds: number) =>
    verifyUserSig({ sdkAppId, secretKey: key, userId, userSig: token, now: atSeconds * 1000 });

  it('is valid at now', () => expect(check(1, '2', '3', now)).toMatchObject({ ok: true }));
  it('is expired an hour later', () => expect(check(1, '2', '3', now + 3600)).toEqual({ ok: false, code: 'usersig_expired' }));
  it('does not match SDKAppID 2', () => expect(check(2, '2', '3', now)).toEqual({ ok: false, code: 'usersig_wrong_app' }));
  it('does not match user "4"', () => expect(check(1, '2', '4', now)).toEqual({ ok: false, code: 'usersig_wrong_user' }));
  it('does not verify with key "3"', () => expect(check(1, '3', '3', now)).toEqual({ ok: false, code: 'usersig_forged' }));
  it('with userbuf [5]: valid with key "2", forged with key "3"', () => {
    const bufToken = encoders.go!({ sdkAppId: 1, key: '2', userId: '3', expire: 4, time: now, userbuf: Buffer.from([5]) });
    const at = (key: string) => verifyUserSig({ sdkAppId: 1, secretKey: key, userId: '3', userSig: bufToken, now: now * 1000, expectUserbuf: true });
    expect(at('2').ok).toBe(true);
    expect(at('3')).toEqual({ ok: false, code: 'usersig_forged' });
  });
});

describe('A2 UserSig failures map to their codes', () => {
  const base: Fields = { sdkAppId: SDKAPPID, key: KEY, userId: 'alice', expire: 100, time: T0 };
  const verify = (userSig: string, nowSeconds = T0) =>
    verifyUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId: 'alice', userSig, now: nowSeconds * 1000 });

  it('usersig_expired: valid through time + expire inclusive, expired one second later', () => {
    const token = encoders.python!(base);
    expect(verify(token, T0 + 100).ok).toBe(true);
    expect(verify(token, T0 + 100)).toMatchObject({ expiresAt: T0 + 100 });
    expect(verify(token, T0 + 101)).toEqual({ ok: false, code: 'usersig_expired' });
  });

  it('usersig_empty for an empty string', () => {
    expect(verify('')).toEqual({ ok: false, code: 'usersig_empty' });
  });

  const malformed: Record<string, string> = {
    'characters outside the alphabet': 'eJ!!!not-a-token',
    'base64 that is not zlib': toUrlBase64(Buffer.from('{"TLS.ver":"2.0"}')),
    'zlib that is not JSON': toUrlBase64(deflateSync(Buffer.from('TLS.ver=2.0'))),
    'a JSON array': toUrlBase64(deflateSync(Buffer.from('[1,2,3]'))),
    'a doc without TLS.sig': pack(compact(entries(base, ['ver', 'identifier', 'sdkappid', 'expire', 'time']))),
    'a doc with a string identifier number': pack(compact(entries(base, ['ver', 'sdkappid', 'expire', 'time', 'sig']).concat([['TLS.identifier', 5]]))),
    'a doc with a negative time': pack(JSON.stringify({ 'TLS.identifier': 'alice', 'TLS.sdkappid': SDKAPPID, 'TLS.time': -1, 'TLS.expire': 100, 'TLS.sig': sigOf(base) })),
    'a truncated token': encoders.node!(base).slice(0, 40),
    'a huge token': 'eJ'.padEnd(10_000, 'A'),
  };
  it.each(Object.entries(malformed))('usersig_malformed for %s', (_name, token) => {
    expect(verify(token)).toEqual({ ok: false, code: 'usersig_malformed' });
  });

  it('usersig_forged when a field was changed after signing', () => {
    const tampered = pack(
      JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': 'alice', 'TLS.sdkappid': SDKAPPID, 'TLS.time': T0, 'TLS.expire': 999_999, 'TLS.sig': sigOf(base) }),
    );
    expect(verify(tampered)).toEqual({ ok: false, code: 'usersig_forged' });
  });

  it('usersig_forged when signed with another key, or with the key hex-decoded instead of used as text', () => {
    expect(verify(encoders.node!({ ...base, key: 'another-key' }))).toEqual({ ok: false, code: 'usersig_forged' });
    const hexKeyed = createHmac('sha256', Buffer.from(KEY, 'hex'))
      .update(`TLS.identifier:alice\nTLS.sdkappid:${SDKAPPID}\nTLS.time:${T0}\nTLS.expire:100\n`)
      .digest('base64');
    const token = pack(JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': 'alice', 'TLS.sdkappid': SDKAPPID, 'TLS.time': T0, 'TLS.expire': 100, 'TLS.sig': hexKeyed }));
    expect(verify(token)).toEqual({ ok: false, code: 'usersig_forged' });
  });

  it('usersig_forged when the signature has the wrong length', () => {
    const token = pack(JSON.stringify({ 'TLS.identifier': 'alice', 'TLS.sdkappid': SDKAPPID, 'TLS.time': T0, 'TLS.expire': 100, 'TLS.sig': 'AAAA' }));
    expect(verify(token)).toEqual({ ok: false, code: 'usersig_forged' });
  });

  it('usersig_wrong_user compares UserIDs exactly (case-sensitive)', () => {
    expect(verifyUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId: 'Alice', userSig: encoders.node!(base), now: T0 * 1000 })).toEqual({
      ok: false,
      code: 'usersig_wrong_user',
    });
  });

  it('A2 a token dated in the future: up to the skew allowance it verifies, beyond it it is refused', () => {
    const ahead = (seconds: number) => encoders.go!({ ...base, time: T0 + seconds });
    expect(verify(ahead(300)).ok).toBe(true);
    expect(verify(ahead(301))).toEqual({ ok: false, code: 'usersig_malformed', message: expect.stringContaining('in the future') });
    expect(verifyUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId: 'alice', userSig: ahead(301), now: T0 * 1000, maxFutureSkewSeconds: 600 }).ok).toBe(true);
  });

  it('tolerates numbers written as decimal strings (no official encoder does this), and signs over their value', () => {
    const token = pack(
      JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': 'alice', 'TLS.sdkappid': String(SDKAPPID), 'TLS.time': String(T0), 'TLS.expire': '100', 'TLS.sig': sigOf(base) }),
    );
    expect(verify(token)).toEqual({ ok: true, issuedAt: T0, expiresAt: T0 + 100 });
    const padded = pack(JSON.stringify({ 'TLS.identifier': 'alice', 'TLS.sdkappid': SDKAPPID, 'TLS.time': `${T0}.0`, 'TLS.expire': 100, 'TLS.sig': sigOf(base) }));
    expect(verify(padded)).toEqual({ ok: false, code: 'usersig_malformed' });
  });

  it('usersig_wrong_app for a token issued to another SDKAppID', () => {
    expect(verify(encoders.node!({ ...base, sdkAppId: 1400000001 }))).toEqual({ ok: false, code: 'usersig_wrong_app' });
  });
});

describe('mintUserSig', () => {
  it("writes the Node library's layout and verifies", () => {
    const token = mintUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId: 'bob', expireSeconds: 60, now: T0 * 1000 + 999 });
    expect(token).toMatch(/^eJ[A-Za-z0-9*\-_]+$/);
    const doc = decodeUserSig(token)!;
    expect(doc).toMatchObject({ identifier: 'bob', sdkAppId: SDKAPPID, time: T0, expire: 60, userbuf: null });
    expect(doc.sig.equals(hmacOf(doc, KEY))).toBe(true);
    expect(verifyUserSig({ sdkAppId: SDKAPPID, secretKey: KEY, userId: 'bob', userSig: token, now: (T0 + 60) * 1000 }).ok).toBe(true);
  });
});
