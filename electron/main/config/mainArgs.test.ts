import { describe, expect, it } from 'vitest';
import { parseMainArgs } from './mainArgs';
import { normalizeServerUrl } from './serverUrl';

const electronArgv = ['/usr/lib/openchat/openchat', '.'];

describe('parseMainArgs', () => {
  it('D2 reads --server in both spellings, without a trailing slash', () => {
    expect(parseMainArgs([...electronArgv, '--server', 'https://chat.example.com/'], {})).toEqual({
      serverUrl: 'https://chat.example.com',
      serverUrlSource: 'argument',
      problems: [],
    });
    expect(parseMainArgs([...electronArgv, '--server=http://10.0.0.5:8080'], {}).serverUrl).toBe('http://10.0.0.5:8080');
  });

  it('D2 falls back to OPENCHAT_SERVER_URL, and the argument wins over it', () => {
    const env = { OPENCHAT_SERVER_URL: 'https://env.example.com' };
    expect(parseMainArgs(electronArgv, env)).toMatchObject({ serverUrl: 'https://env.example.com', serverUrlSource: 'environment' });
    expect(parseMainArgs([...electronArgv, '--server', 'https://arg.example.com'], env)).toMatchObject({
      serverUrl: 'https://arg.example.com',
      serverUrlSource: 'argument',
    });
  });

  it('D2 means the embedded server when nothing is configured', () => {
    expect(parseMainArgs(electronArgv, {})).toEqual({ serverUrl: null, serverUrlSource: null, problems: [] });
    expect(parseMainArgs(electronArgv, { OPENCHAT_SERVER_URL: '' }).serverUrl).toBeNull();
  });

  it('reports unusable values instead of guessing, and then tries the next source', () => {
    const result = parseMainArgs([...electronArgv, '--server', 'ftp://x'], { OPENCHAT_SERVER_URL: 'https://env.example.com' });
    expect(result.serverUrl).toBe('https://env.example.com');
    expect(result.problems).toEqual(['--server "ftp://x" is not an http(s) address; ignoring it.']);
    expect(parseMainArgs([...electronArgv, '--server'], {}).problems).toHaveLength(1);
    expect(parseMainArgs([...electronArgv, '--server', '--inspect'], {}).problems).toHaveLength(1);
    expect(parseMainArgs(electronArgv, { OPENCHAT_SERVER_URL: 'localhost:8080' }).problems).toHaveLength(1);
  });

  it('ignores Chromium switches and deep links that share argv', () => {
    const argv = [...electronArgv, '--enable-logging', '--servers=3', 'openchat://chat/alice', '--no-sandbox'];
    expect(parseMainArgs(argv, {})).toEqual({ serverUrl: null, serverUrlSource: null, problems: [] });
  });
});

describe('normalizeServerUrl', () => {
  it('accepts http(s) addresses, with paths, and strips trailing slashes', () => {
    expect(normalizeServerUrl(' https://chat.example.com/im/ ')).toBe('https://chat.example.com/im');
    expect(normalizeServerUrl('http://[::1]:8080')).toBe('http://[::1]:8080');
  });

  it('refuses other schemes, credentials, queries and garbage', () => {
    for (const raw of ['ws://x', 'file:///x', 'https://u:p@x.example', 'https://x.example/?a=1', 'https://x.example/#a', 'x', '', undefined, null]) {
      expect(normalizeServerUrl(raw)).toBeNull();
    }
  });
});
