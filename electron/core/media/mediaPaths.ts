import { join } from 'node:path';

/**
 * Where one account keeps its files, under its account folder (so they survive
 * restarts and go with the account):
 *   media/staging/<stageId>.json   a renderer → core transfer (manifest) …
 *   media/staging/<stageId>.part   … and its bytes until complete
 *   media/uploads/<clientMsgId>.json  what a pending file message still has to upload
 *   media/blobs/<sha256>           content-addressed files: own uploads and downloads (+ .json: type)
 *   media/relays/<hash of key>.json  opened combined-forward bundles, for opening offline
 *   media/open/<sha256>/<name>     a named copy for "open with" / "show in folder"
 */
export interface MediaPaths {
  root: string;
  staging: string;
  uploads: string;
  blobs: string;
  relays: string;
  opened: string;
}

export function mediaPaths(accountDir: string): MediaPaths {
  const root = join(accountDir, 'media');
  return {
    root,
    staging: join(root, 'staging'),
    uploads: join(root, 'uploads'),
    blobs: join(root, 'blobs'),
    relays: join(root, 'relays'),
    opened: join(root, 'open'),
  };
}
