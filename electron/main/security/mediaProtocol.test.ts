import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { MediaRequest } from '../../core';
import { createMediaRequestHandler, MEDIA_BASE_URL } from './mediaProtocol';

function handler() {
  const served: MediaRequest[] = [];
  const handle = createMediaRequestHandler({
    appOrigin: 'app://chat',
    serve: async (request) => {
      served.push(request);
      return { status: 206, headers: { 'Content-Type': 'video/mp4', 'Content-Range': 'bytes 0-2/10' }, body: Readable.from([Buffer.from('abc')]) };
    },
  });
  return { handle, served };
}

describe('app-media:// handler', () => {
  it('M1 passes the UUID, Range and download name to the core and streams its reply', async () => {
    const { handle, served } = handler();
    const uuid = 'c'.repeat(64);
    const res = await handle(new Request(`${MEDIA_BASE_URL}${uuid}?download=${encodeURIComponent('a b.mp4')}`, { headers: { range: 'bytes=0-2' } }));
    expect(res.status).toBe(206);
    expect(await res.text()).toBe('abc');
    expect(res.headers.get('content-range')).toBe('bytes 0-2/10');
    expect(res.headers.get('access-control-allow-origin')).toBe('app://chat');
    expect(served).toEqual([{ uuid, method: 'GET', range: 'bytes=0-2', download: 'a b.mp4' }]);
  });

  it('refuses other hosts, nested paths and other origins without asking the core', async () => {
    const { handle, served } = handler();
    expect((await handle(new Request('app-media://other/abc'))).status).toBe(404);
    expect((await handle(new Request('app-media://media/a/b'))).status).toBe(404);
    expect((await handle(new Request('app-media://media/'))).status).toBe(404);
    expect((await handle(new Request('app-media://media/abc', { headers: { origin: 'https://evil.example' } }))).status).toBe(403);
    expect(served).toHaveLength(0);
  });
});
