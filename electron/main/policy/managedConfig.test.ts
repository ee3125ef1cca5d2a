import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManagedConfig, managedConfigPaths, parseManagedConfig } from './managedConfig';

const exampleFile = join(__dirname, '..', '..', '..', 'build', 'managed-config.example.json');

describe('parseManagedConfig', () => {
  it('D6 accepts the example shipped in build/', () => {
    const result = parseManagedConfig(readFileSync(exampleFile, 'utf8'), exampleFile);
    expect(result).toMatchObject({
      kind: 'loaded',
      config: { serverUrl: 'https://chat.example.com', lockServerUrl: true, allowRegistration: false, autoUpdate: false },
      ignoredKeys: [],
    });
  });

  it('D6 refuses a file with a wrongly typed value, naming the field', () => {
    expect(parseManagedConfig('{"serverUrl":"ftp://x"}', '/etc/openchat/managed-config.json')).toEqual({
      kind: 'invalid',
      path: '/etc/openchat/managed-config.json',
      problem: 'serverUrl: serverUrl must be an http(s) address.',
    });
    expect(parseManagedConfig('{"autoUpdate":"no"}', 'p')).toMatchObject({ kind: 'invalid', problem: expect.stringMatching(/^autoUpdate:/) });
    expect(parseManagedConfig('{"updateUrl":"http://updates.example.com"}', 'p')).toMatchObject({ kind: 'invalid' });
    expect(parseManagedConfig('not json', 'p')).toEqual({ kind: 'invalid', path: 'p', problem: 'not valid JSON' });
    expect(parseManagedConfig('[]', 'p')).toMatchObject({ kind: 'invalid' });
  });

  it('reports unknown keys (typos) but keeps the rest; $-keys are comments', () => {
    const result = parseManagedConfig('{"$comment":"x","serverURL":"https://x.example","autoUpdate":false}', 'p');
    expect(result).toEqual({ kind: 'loaded', path: 'p', config: { autoUpdate: false }, ignoredKeys: ['serverURL'] });
  });
});

describe('managedConfigPaths', () => {
  it('D6 looks only in machine-wide places, then beside the app resources', () => {
    expect(managedConfigPaths({ platform: 'linux', env: {}, resourcesPath: '/opt/OpenChat/resources' })).toEqual([
      '/etc/openchat/managed-config.json',
      '/opt/OpenChat/resources/managed-config.json',
    ]);
    expect(managedConfigPaths({ platform: 'darwin', env: { HOME: '/Users/a' }, resourcesPath: null })).toEqual([
      '/Library/Application Support/OpenChat/managed-config.json',
    ]);
    const windows = managedConfigPaths({ platform: 'win32', env: { ProgramData: 'D:\\ProgramData', APPDATA: 'C:\\Users\\a' }, resourcesPath: null });
    expect(windows).toHaveLength(1);
    expect(windows[0]).toContain('ProgramData');
    expect(windows[0]).not.toContain('Users');
  });
});

describe('loadManagedConfig', () => {
  it('uses the first file that exists', async () => {
    const files: Record<string, string> = { '/b': '{"serverUrl":"https://b.example"}', '/c': '{"serverUrl":"https://c.example"}' };
    const result = await loadManagedConfig(['/a', '/b', '/c'], async (path) => files[path] ?? null);
    expect(result).toMatchObject({ kind: 'loaded', path: '/b', config: { serverUrl: 'https://b.example' } });
  });

  it('is absent when no file exists', async () => {
    await expect(loadManagedConfig(['/a'], async () => null)).resolves.toEqual({ kind: 'absent' });
  });
});
