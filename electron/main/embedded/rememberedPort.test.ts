import { describe, expect, it } from 'vitest';
import { embeddedServerArgs, parseRememberedPort, portsToTry, serializeRememberedPort } from './rememberedPort';

describe('remembered embedded-server port', () => {
  it('D2 round-trips the port of the URL the server reported', () => {
    const text = serializeRememberedPort('http://127.0.0.1:43123');
    expect(text).toBe('{"port":43123}\n');
    expect(parseRememberedPort(text)).toBe(43123);
  });

  it('D2 tries the remembered port first, then any free port', () => {
    expect(portsToTry(43123)).toEqual([43123, 0]);
    expect(portsToTry(null)).toEqual([0]);
  });

  it('ignores missing, corrupt or unsafe values', () => {
    for (const text of [null, '', 'nope', '{}', '{"port":"80"}', '{"port":80}', '{"port":70000}', '{"port":1.5}', 'null', '[]']) {
      expect(parseRememberedPort(text)).toBeNull();
    }
    expect(serializeRememberedPort('http://127.0.0.1')).toBeNull();
    expect(serializeRememberedPort('garbage')).toBeNull();
  });

  it('D2 starts the server on loopback with its own data folder', () => {
    expect(embeddedServerArgs(0, '/home/alice/.config/OpenChat/server')).toEqual([
      '--port',
      '0',
      '--data',
      '/home/alice/.config/OpenChat/server',
      '--host',
      '127.0.0.1',
    ]);
  });
});
