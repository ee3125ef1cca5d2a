/**
 * The companion server for integration tests, e2e tests and benchmarks.
 * (Implemented in server/src/testing/, where the server's own tests use it too.)
 *
 *   startTestServer(opts?: {
 *     dataDir?: string;       // reuse a folder (restart on the same data); a fresh temp folder by default
 *     port?: number;          // listen on a given port (restart on the same port); 0 = free port by default
 *     registration?: boolean; // A1 self-registration, on by default
 *     admins?: string[];      // admins besides "administrator"
 *     clock?: Clock;          // { now(): number } in ms, to move time
 *     authLimits?: AuthLimits;// failed-attempt limits (10 logins per UserID+IP, 30 handshakes per IP, per minute)
 *   }) → Promise<TestServer>
 *
 *   TestServer = { url, port, dataDir, sdkAppId, secretKey, app, store, stop(opts?: { removeData?: boolean }) }
 *     url      http://127.0.0.1:<port>: socket.io, /api/v1/*, /v4/*, /healthz
 *     app      the App from createApp: { httpServer, io, services, close() }
 *     store    the SQLite store (repositories + .db for direct queries in assertions)
 *     stop()   closes sockets, HTTP and the database; keeps dataDir unless removeData
 *
 *   mintTestUserSig(server, userId, opts?: { expireSeconds?, now? (ms), secretKey?, sdkAppId? }) → string
 *     a Tencent-format UserSig signed with the server's key, as an app backend would mint it;
 *     override secretKey / sdkAppId / now / expireSeconds to forge, mismatch or expire one.
 *     After a kick in the same second, pass a later `now`.
 *
 *   registerUser(server, userId, password = 'correct-horse-battery', nickname?) → Promise<LoginResponse & { password }>
 *     POST /api/v1/register (which also signs in): { userId, nickname, sdkAppId, userSig, expiresAt, password }.
 *
 *   connectTestClient(server, userId, opts?: { userSig?, platform? }) → Promise<socket.io-client Socket>
 *     an authenticated, connected client (websocket transport, no reconnection).
 *
 * A server needs accounts before sockets can connect: use registerUser, or import them directly:
 *   await server.app.services.accounts.importAccounts([{ userId: 'alice', nickname: 'Alice' }]);
 */
export {
  type MintOptions,
  type TestServer,
  type TestServerOptions,
  mintTestUserSig,
  registerUser,
  startTestServer,
} from '../../server/src/testing/testServer';
export { type TestSocket, call, connectTestClient, request } from '../../server/src/testing/socketClient';
