import { mkdirSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Clock } from '../../clock';
import { type AnyHandler } from '../../gateway/defineHandler';
import { type Logger } from '../../logger';
import { type MediaRepository } from '../../store/mediaTypes';
import { type AuthService } from '../auth/auth.service';
import { BlobFiles } from './blobFiles';
import { HttpAuthenticator } from './httpAuth';
import { createMediaHttp } from './media.http';
import { mediaHandlers } from './media.handlers';
import { MediaService } from './media.service';
import { MediaReferences } from './mediaReferences';
import { Uploads } from './uploads';

export interface MediaFeature {
  service: MediaService;
  /** The send path's checks of file and bundle references (MessagesService deps.media). */
  references: MediaReferences;
  handlers: AnyHandler[];
  /** Answers the media endpoints; false for other paths. */
  http: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
  stop(): void;
}

/** Wires uploads (`<data>/uploads`), the blob store (`<data>/blobs`), their HTTP endpoints and `blob:finalize`. */
export function createMediaFeature(deps: {
  dataDir: string;
  repository: MediaRepository;
  auth: AuthService;
  clock: Clock;
  logger: Logger;
  publicBaseUrl: () => string;
}): MediaFeature {
  const uploadsDir = join(deps.dataDir, 'uploads');
  mkdirSync(uploadsDir, { recursive: true });
  const files = new BlobFiles(join(deps.dataDir, 'blobs'));
  const uploads = new Uploads(uploadsDir, { media: deps.repository, clock: deps.clock, logger: deps.logger, publicBaseUrl: deps.publicBaseUrl });
  uploads.startSweeping();
  const service = new MediaService({ media: deps.repository, files, uploads, clock: deps.clock, logger: deps.logger, publicBaseUrl: deps.publicBaseUrl });
  const http = createMediaHttp({
    authenticator: new HttpAuthenticator(deps.auth, deps.clock),
    uploads,
    media: service,
    repository: deps.repository,
    log: deps.logger,
  });
  const references = new MediaReferences({ media: deps.repository, blobUrl: (uuid) => service.blobUrl(uuid) });
  return { service, references, handlers: mediaHandlers(service), http, stop: () => uploads.stop() };
}

/** `http://host:port` of a listening server, for when no public URL is configured. */
export function listeningBaseUrl(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return 'http://127.0.0.1';
  const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
