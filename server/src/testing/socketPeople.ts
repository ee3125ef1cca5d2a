import { type TestSocket, connectTestClient } from './socketClient';
import { type TestServer } from './testServer';

/**
 * Fresh accounts per test on one test server, each connected: `people('ann', 'bob')` makes `ann7`, `bob7` (the
 * number counts calls, so tests of one file never share anyone); `idOf('ann')` names the latest `ann`.
 */
export function socketPeople(server: () => TestServer) {
  const sockets: TestSocket[] = [];
  let n = 0;
  return {
    async people(...names: string[]): Promise<TestSocket[]> {
      n += 1;
      const ids = names.map((name) => `${name}${n}`);
      await server().app.services.accounts.importAccounts(ids.map((userId) => ({ userId })));
      const out: TestSocket[] = [];
      for (const userId of ids) {
        const socket = await connectTestClient(server(), userId);
        sockets.push(socket);
        out.push(socket);
      }
      return out;
    },
    idOf: (name: string) => `${name}${n}`,
    closeAll: () => sockets.splice(0).forEach((s) => s.close()),
  };
}
