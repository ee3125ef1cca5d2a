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
