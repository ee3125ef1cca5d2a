import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cliOptions';

describe('parseCliOptions', () => {
  it('reads --server, --port and --data', () => {
    expect(parseCliOptions(['--server', 'http://127.0.0.1:8080', '--port', '5200', '--data', '/tmp/alice'])).toEqual({
      server: 'http://127.0.0.1:8080',
      port: 5200,
      data: '/tmp/alice',
    });
  });

  it('defaults the port to any free one', () => {
    expect(parseCliOptions(['--server', 'https://chat.example']).port).toBe(0);
  });

  it.each([
    [[], /--server is required/],
    [['--server', 'ftp://x'], /http\(s\) URL/],
    [['--server', 'http://x', '--port', 'abc'], /--port/],
    [['--server', 'http://x', '--port', '70000'], /--port/],
    [['--server', 'http://x', '--bogus'], /Unknown option/],
  ])('refuses %j with a readable message', (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(message);
  });
});
