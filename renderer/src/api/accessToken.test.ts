import { describe, expect, it } from 'vitest';
import { takeAccessToken } from './accessToken';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

function fakeHistory() {
  const urls: string[] = [];
  return { urls, history: { state: null, replaceState: (_: unknown, __: string, url: string) => urls.push(url) } as unknown as History };
}

describe('takeAccessToken', () => {
  it('keeps the token for this tab and removes it from the address bar', () => {
    const storage = memoryStorage();
    const { urls, history } = fakeHistory();
    const token = takeAccessToken({ search: '?token=abc&x=1', pathname: '/', hash: '' } as Location, storage, history);
    expect(token).toBe('abc');
    expect(urls).toEqual(['/?x=1']);
    expect(takeAccessToken({ search: '', pathname: '/', hash: '' } as Location, storage, history)).toBe('abc');
  });

  it('has nothing to offer when opened without the link', () => {
    expect(takeAccessToken({ search: '', pathname: '/', hash: '' } as Location, memoryStorage(), fakeHistory().history)).toBeNull();
  });
});
