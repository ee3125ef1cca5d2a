import { type AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../testing/logCapture';
import { createRequestHandler } from './router';
import { type V1Deps } from './v1';
import { type V4Deps } from './v4/router';

describe('HTTP router', () => {
  it('logs an unexpected fault with the path only, never the query string that carries the admin UserSig', async () => {
    const { logger, lines } = capturingLogger();
    // A v4 edge without its dependencies fails outside its own error handling, reaching the router's.
    const handler = createRequestHandler({ log: logger, v1: {} as V1Deps, v4: {} as V4Deps });
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/v4/openim/sendmsg?identifier=administrator&usersig=SECRET-ADMIN-SIG`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(500);
      expect(lines).toEqual([expect.objectContaining({ msg: 'unexpected error', path: '/v4/openim/sendmsg' })]);
      expect(JSON.stringify(lines)).not.toContain('SECRET-ADMIN-SIG');
    } finally {
      server.close();
    }
  });
});
