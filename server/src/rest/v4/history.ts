import { type IncomingMessage, type ServerResponse } from 'node:http';
import { TencentError } from '../../errors';
import { type HistoryService } from '../../features/history/history.service';
import { formatExpireTime } from '../../features/history/hourFile';
import { sendJson } from '../http';
import { type V4Command } from './command';

/** open_msg_svc codes (contract §3.17). */
const INVALID_REQUEST = 1001;
const INVALID_PARAMETER = 1002;
const SYSTEM_ERROR = 1003;
const NO_FILE = 1004;

/** Where the signed download links of message logs point: `<prefix><fileId>.gz?expires=<ms>&signature=<hex>`. */
export const HISTORY_DOWNLOAD_PREFIX = '/v4/open_msg_svc/download/';

/** S1 `open_msg_svc/get_history`: one hour's message log as a gzip file behind a signed, expiring link. */
export function historyCommands(history: HistoryService): Record<string, V4Command> {
  return {
    'open_msg_svc/get_history': {
      malformedCode: INVALID_REQUEST,
      internalCode: SYSTEM_ERROR,
      async run({ body, origin }) {
        const { ChatType, MsgTime } = body;
        if (ChatType !== 'C2C' && ChatType !== 'Group') throw new TencentError(INVALID_PARAMETER, 'ChatType must be "C2C" or "Group".');
        if (typeof MsgTime !== 'string') throw new TencentError(INVALID_PARAMETER, 'MsgTime must be a string "YYYYMMDDHH".');
        const result = await history.hourFile(ChatType, MsgTime);
        if (result.status === 'invalid_hour') {
          throw new TencentError(INVALID_PARAMETER, 'MsgTime must name an hour (YYYYMMDDHH, UTC) within the last 7 days.');
        }
        if (result.status === 'empty') throw new TencentError(NO_FILE, 'No messages were stored in that hour.');
        const { file } = result;
        const query = new URLSearchParams({ expires: String(file.expiresAt), signature: file.signature });
        return {
          File: [
            {
              URL: `${origin}${HISTORY_DOWNLOAD_PREFIX}${file.fileId}.gz?${query}`,
              ExpireTime: formatExpireTime(file.expiresAt),
              FileSize: file.fileSize,
              FileMD5: file.fileMd5,
              GzipSize: file.gzipSize,
              GzipMD5: file.gzipMd5,
            },
          ],
        };
      },
    },
  };
}

/** `GET` of a download link: the gzip bytes, 403 for a wrong signature, 410 once expired. */
export function serveHistoryDownload(request: IncomingMessage, response: ServerResponse, url: URL, history: HistoryService): void {
  request.resume();
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, { error: { code: 'bad_request', message: 'Download with GET.' } });
    return;
  }
  const match = /^([0-9a-f]{32})\.gz$/.exec(url.pathname.slice(HISTORY_DOWNLOAD_PREFIX.length));
  const expires = Number(url.searchParams.get('expires'));
  if (!match?.[1] || !Number.isSafeInteger(expires)) {
    sendJson(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
    return;
  }
  const result = history.download(match[1], expires, url.searchParams.get('signature') ?? '');
  if (result.status === 'forbidden') {
    sendJson(response, 403, { error: { code: 'forbidden', message: 'This download link is not valid.' } });
    return;
  }
  if (result.status === 'expired') {
    sendJson(response, 410, { error: { code: 'not_found', message: 'This download link has expired; call get_history again.' } });
    return;
  }
  response.writeHead(200, {
    'content-type': 'application/gzip',
    'content-length': result.gzip.length,
    'content-disposition': `attachment; filename="${match[1]}.gz"`,
    'cache-control': 'private, no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : result.gzip);
}
