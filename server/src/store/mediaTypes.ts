import { type MediaKind } from '../../../shared/domain';

/** M2/M7: what a media reference names: a blob (by UUID) or a combined-forward bundle (by key). */
export type MediaRefKind = 'blob' | 'relay';
export interface MediaRef {
  kind: MediaRefKind;
  ref: string;
}

export interface UploadRecord {
  uploadId: string;
  owner: string;
  kind: MediaKind;
  createdAt: number;
  /** Set once the upload was finalized into a blob. */
  blobUuid: string | null;
}

export interface NewBlob {
  uuid: string;
  size: number;
  mime: string;
  kind: MediaKind;
  width: number | null;
  height: number | null;
  imageFormat: number | null;
  createdAt: number;
}

export interface BlobRecord extends NewBlob {
  /** Who uploaded it first (others who uploaded the same content own it too). */
  uploader: string;
  variants: Array<{ type: 2 | 3; uuid: string }>;
}

export interface RelayRecord {
  key: string;
  payload: string;
  signature: string;
  keyId: string;
  createdBy: string;
  createdAt: number;
}

export interface MediaRepository {
  createUpload(upload: Omit<UploadRecord, 'blobUuid'>): Promise<void>;
  getUpload(uploadId: string): Promise<UploadRecord | null>;
  deleteUpload(uploadId: string): Promise<void>;
  /**
   * In one transaction: stores the blob and its variants (content already known is kept as it is),
   * makes `owner` an owner of each, and marks the upload finalized.
   */
  saveFinalized(input: { uploadId: string; owner: string; blob: NewBlob; variants: Array<{ type: 2 | 3; blob: NewBlob }> }): Promise<void>;
  getBlobs(uuids: readonly string[]): Promise<BlobRecord[]>;
  /** The refs among `refs` the user may use: they own it (uploaded / created it) or take part in a conversation carrying it. */
  accessible(userId: string, kind: MediaRefKind, refs: readonly string[]): Promise<Set<string>>;
  /** After a message was stored: the conversation carrying it now carries these refs. */
  recordRefs(message: { from: string; clientMsgId: string }, refs: readonly MediaRef[]): Promise<void>;
  /** An online-only message (never stored) carried these refs: each of `userIds` may use them from now on. */
  grantRefs(userIds: readonly string[], refs: readonly MediaRef[]): Promise<void>;
  saveRelay(bundle: RelayRecord, contents: readonly MediaRef[]): Promise<void>;
  getRelay(key: string): Promise<RelayRecord | null>;
  /** Every blob and nested bundle the bundles reach (transitively, as recorded at creation). */
  relayContents(keys: readonly string[]): Promise<MediaRef[]>;
}
