import { request as httpRequest } from 'node:http';
import sharp from 'sharp';
import { type BlobInfo, type MediaKind } from '../../../../shared/domain';
import { AUTH_HEADERS, HTTP_PATHS } from '../../../../shared/protocol';
import { type TestSocket, call } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig } from '../../testing/testServer';

/** Helpers for the media tests: raw tus requests, so each step of the protocol can be driven (and broken) on purpose. */

export function authHeaders(server: TestServer, userId: string): Record<string, string> {
  return { [AUTH_HEADERS.userId]: userId, [AUTH_HEADERS.userSig]: mintTestUserSig(server, userId) };
}

export function metadataHeader(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

export async function createUpload(
  server: TestServer,
  userId: string,
  length: number,
  kind: MediaKind | string,
  extra: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}${HTTP_PATHS.uploads}`, {
    method: 'POST',
    headers: {
      ...authHeaders(server, userId),
      'tus-resumable': '1.0.0',
      'upload-length': String(length),
      'upload-metadata': metadataHeader({ kind, filename: 'file.bin', filetype: 'application/octet-stream' }),
      ...extra,
    },
  });
}

export function uploadIdOf(response: Response): string {
  const location = response.headers.get('location');
  if (!location) throw new Error(`No Location (status ${response.status})`);
  return location.slice(location.lastIndexOf('/') + 1);
}

export function patch(server: TestServer, userId: string, uploadId: string, offset: number, data: Buffer): Promise<Response> {
  return fetch(`${server.url}${HTTP_PATHS.uploads}/${uploadId}`, {
    method: 'PATCH',
    headers: {
      ...authHeaders(server, userId),
      'tus-resumable': '1.0.0',
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    body: data,
  });
}

export async function head(server: TestServer, userId: string, uploadId: string): Promise<Response> {
  return fetch(`${server.url}${HTTP_PATHS.uploads}/${uploadId}`, {
    method: 'HEAD',
    headers: { ...authHeaders(server, userId), 'tus-resumable': '1.0.0' },
  });
}

/** A PATCH whose connection is cut after `sendBytes` of the declared `data`. */
export function abortedPatch(server: TestServer, userId: string, uploadId: string, data: Buffer, sendBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const { port } = new URL(server.url);
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'PATCH',
      path: `${HTTP_PATHS.uploads}/${uploadId}`,
      headers: {
        ...authHeaders(server, userId),
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(data.length),
      },
    });
    request.on('error', () => resolve());
    request.on('close', () => resolve());
    request.write(data.subarray(0, sendBytes), () => {
      setTimeout(() => request.destroy(), 100);
    });
  });
}

/** Uploads `data` whole (creation, one PATCH) and returns the upload ID. */
export async function uploadWhole(server: TestServer, userId: string, data: Buffer, kind: MediaKind): Promise<string> {
  const created = await createUpload(server, userId, data.length, kind);
  if (created.status !== 201) throw new Error(`Creating the upload failed: ${created.status} ${await created.text()}`);
  const uploadId = uploadIdOf(created);
  const patched = await patch(server, userId, uploadId, 0, data);
  if (patched.status !== 204) throw new Error(`PATCH failed: ${patched.status} ${await patched.text()}`);
  return uploadId;
}

export async function uploadBlob(server: TestServer, socket: TestSocket, userId: string, data: Buffer, kind: MediaKind): Promise<BlobInfo> {
  const uploadId = await uploadWhole(server, userId, data, kind);
  return (await call(socket, 'blob:finalize', { uploadId, kind })).blob;
}

export function download(server: TestServer, userId: string | null, uuid: string, headers: Record<string, string> = {}, query = ''): Promise<Response> {
  return fetch(`${server.url}${HTTP_PATHS.blobs}/${uuid}${query}`, { headers: { ...(userId ? authHeaders(server, userId) : {}), ...headers } });
}

export function pngImage(width: number, height: number, color = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
}

export function jpegImage(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#cc6633' } }).jpeg().toBuffer();
}
