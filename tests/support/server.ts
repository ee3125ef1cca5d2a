/**
 * The companion server for integration tests, e2e tests and benchmarks: the
 * helpers the server's own tests use, re-exported so tests outside server/
 * never import server internals directly. Their documentation lives with the
 * code: server/src/testing/testServer.ts (startTestServer and its options,
 * mintTestUserSig, registerUser) and server/src/testing/socketClient.ts
 * (connectTestClient, request/call, collect, nextPush, eventually, settle).
 */
export {
  type MintOptions,
  type TestServer,
  type TestServerOptions,
  TEST_SCRYPT,
  mintTestUserSig,
  registerUser,
  startTestServer,
} from '../../server/src/testing/testServer';
export {
  type TestSocket,
  call,
  collect,
  connectTestClient,
  eventually,
  nextPush,
  openSocket,
  request,
  settle,
} from '../../server/src/testing/socketClient';
