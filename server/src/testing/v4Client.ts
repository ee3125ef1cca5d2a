import { type TestServer, mintTestUserSig } from './testServer';

/** A Tencent v4 reply: the envelope plus the command's own fields. */
export interface V4Reply {
  ActionStatus: string;
  ErrorInfo: string;
  ErrorCode: number;
  [field: string]: unknown;
}

/**
 * Calls `POST /v4/<command>` as an app backend does: the admin `administrator`
 * with a freshly minted UserSig (dated by `now`, for servers on a test clock).
 */
export async function callV4(
  server: Pick<TestServer, 'url' | 'sdkAppId' | 'secretKey'>,
  command: string,
  body: unknown,
  options: { now?: number; identifier?: string } = {},
): Promise<V4Reply> {
  const identifier = options.identifier ?? 'administrator';
  const query = new URLSearchParams({
    sdkappid: String(server.sdkAppId),
    identifier,
    usersig: mintTestUserSig(server, identifier, { now: options.now }),
    random: String(Math.floor(Math.random() * 0xffffffff)),
    contenttype: 'json',
  });
  const response = await fetch(`${server.url}/v4/${command}?${query}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`v4 ${command} answered HTTP ${response.status}`);
  return (await response.json()) as V4Reply;
}

/**
 * Makes `userId` friends with each of `friends`, both ways, as an app backend would (`sns/friend_import` for each
 * side); throws with the server's words when it refuses.
 */
export async function importFriends(server: Pick<TestServer, 'url' | 'sdkAppId' | 'secretKey'>, userId: string, friends: readonly string[]): Promise<void> {
  const sides: [string, string[]][] = [[userId, [...friends]], ...friends.map((friend): [string, string[]] => [friend, [userId]])];
  for (const [from, to] of sides) {
    const reply = await callV4(server, 'sns/friend_import', { From_Account: from, AddFriendItem: to.map((To_Account) => ({ To_Account, AddSource: 'AddSource_Type_Import' })) });
    if (reply.ActionStatus !== 'OK') throw new Error(`sns/friend_import for ${from}: ${reply.ErrorInfo}`);
  }
}
