import { isC2cConversation, type ConversationId, type MessageId, type RelayedMessage } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import { STAGE_CHUNK_BYTES, type AttachmentKind, type RelayViewMessage } from '../../../../shared/ipc';
import { bytesToBase64 } from '../base64';
import type { Slice } from '../types';

/** What the full-window viewer shows: an image (zoomable) or a video (in-app player). */
export type ViewerItem =
  | { kind: 'image'; src: string; downloadHref: string; name: string; width: number; height: number }
  | { kind: 'video'; src: string; poster: string | null; downloadHref: string; name: string };

/** One opened combined-forward bundle; the relay viewer shows the top of the stack, Back pops it. */
export interface RelayView {
  title: string;
  status: 'loading' | 'ready' | 'error';
  messages: RelayViewMessage[];
  /** true/false: the server's signature checked; null: carried inline in the message (never signed). */
  verified: boolean | null;
  error: ErrorShape | null;
}

/** A file on its way from the renderer to the core, before the message exists. */
export interface StagingProgress {
  name: string;
  sent: number;
  total: number;
}

/** What the composer hands over for sending, after the preview. */
export interface OutgoingAttachment {
  file: Blob;
  name: string;
  kind: AttachmentKind;
  /** Voice and video, measured by the renderer. */
  durationSec?: number;
  /** Video: a poster frame drawn by the renderer (JPEG). */
  thumbnail?: Blob;
}

export interface MediaSlice {
  viewer: ViewerItem | null;
  relayStack: RelayView[];
  staging: Partial<Record<ConversationId, StagingProgress>>;
  attachmentErrors: Partial<Record<ConversationId, ErrorShape>>;
  mediaOpened(item: ViewerItem): void;
  mediaClosed(): void;
  /** A relay card was clicked: from the server by JsonMsgKey, or from the messages carried inline. */
  relayOpened(source: { key: string; title: string } | { title: string; inline: readonly RelayedMessage[] }): Promise<void>;
  relayBackRequested(): void;
  relayClosed(): void;
  fileOpenRequested(uuid: string, name: string): Promise<void>;
  fileShowInFolderRequested(uuid: string, name: string): Promise<void>;
  /** Stages the file (and a video's poster) to the core, then sends it. Resolves true once the message exists. */
  attachmentSubmitted(conversationId: ConversationId, attachment: OutgoingAttachment): Promise<boolean>;
  attachmentErrorDismissed(conversationId: ConversationId): void;
  uploadCancelRequested(id: MessageId): Promise<void>;
}

/** Chunk size for files:stageChunk: the contract's maximum (both hosts carry one chunk per frame). */
export const STAGE_CHUNK = STAGE_CHUNK_BYTES;

export const createMediaSlice: Slice<MediaSlice> = ({ api }) => (set, get) => {
  // Each relayOpened gets a ticket, so a slow answer for a view the person already left is dropped.
  let relayTicket = 0;

  function replaceTop(ticket: number, depth: number, view: Partial<RelayView>): void {
    if (ticket !== relayTicket) return;
    const stack = get().relayStack;
    const top = stack[depth];
    if (!top || stack.length !== depth + 1) return;
    set({ relayStack: [...stack.slice(0, depth), { ...top, ...view }] });
  }

  function nicknameOf(userId: string): string {
    const session = get().session;
    if (session?.state === 'signedIn' && session.userId === userId) return session.nickname || userId;
    const peer = get().conversations.filter(isC2cConversation).find((c) => c.peer.userId === userId)?.peer;
    return peer?.nickname || userId;
  }

  function stagingIn(conversationId: ConversationId, progress: StagingProgress | undefined): void {
    set({ staging: { ...get().staging, [conversationId]: progress } });
  }

  function attachmentErrorIn(conversationId: ConversationId, error: ErrorShape | undefined): void {
    set({ attachmentErrors: { ...get().attachmentErrors, [conversationId]: error } });
  }

  async function stage(blob: Blob, name: string, onProgress: (sent: number) => void): Promise<{ ok: true; stageId: string } | { ok: false; error: ErrorShape }> {
    const begun = await api.invoke('files:stageBegin', { name: name.slice(0, 255) || 'file', size: blob.size, mime: blob.type.slice(0, 255) });
    if (!begun.ok) return begun;
    const { stageId } = begun.value;
    for (let offset = 0; offset < blob.size; offset += STAGE_CHUNK) {
      const bytes = new Uint8Array(await blob.slice(offset, offset + STAGE_CHUNK).arrayBuffer());
      const chunk = await api.invoke('files:stageChunk', { stageId, offset, data: bytesToBase64(bytes) });
      if (!chunk.ok) return chunk;
      onProgress(offset + bytes.length);
    }
    return { ok: true, stageId };
  }

  return {
    viewer: null,
    relayStack: [],
    staging: {},
    attachmentErrors: {},

    mediaOpened: (viewer) => set({ viewer }),
    mediaClosed: () => set({ viewer: null }),

    async relayOpened(source) {
      const ticket = ++relayTicket;
      const depth = get().relayStack.length;
      if ('inline' in source) {
        const messages = source.inline.map((m) => ({ from: m.From_Account, nickname: nicknameOf(m.From_Account), time: m.MsgTimeStamp, body: m.MsgBody }));
        set({ relayStack: [...get().relayStack, { title: source.title, status: 'ready', messages, verified: null, error: null }] });
        return;
      }
      set({ relayStack: [...get().relayStack, { title: source.title, status: 'loading', messages: [], verified: null, error: null }] });
      const result = await api.invoke('relay:open', { key: source.key });
      if (!result.ok) {
        replaceTop(ticket, depth, { status: 'error', error: result.error });
        return;
      }
      const { title, messages, verified } = result.value;
      replaceTop(ticket, depth, { status: 'ready', title, messages, verified });
    },

    relayBackRequested() {
      relayTicket++;
      set({ relayStack: get().relayStack.slice(0, -1) });
    },

    relayClosed() {
      relayTicket++;
      set({ relayStack: [] });
    },

    async fileOpenRequested(uuid, name) {
      await api.invoke('files:open', { uuid, name });
    },

    async fileShowInFolderRequested(uuid, name) {
      await api.invoke('files:showInFolder', { uuid, name });
    },

    async attachmentSubmitted(conversationId, attachment) {
      attachmentErrorIn(conversationId, undefined);
      const total = attachment.file.size + (attachment.thumbnail?.size ?? 0);
      stagingIn(conversationId, { name: attachment.name, sent: 0, total });
      try {
        const staged = await stage(attachment.file, attachment.name, (sent) => stagingIn(conversationId, { name: attachment.name, sent, total }));
        if (!staged.ok) {
          attachmentErrorIn(conversationId, staged.error);
          return false;
        }
        let thumbStageId: string | undefined;
        if (attachment.thumbnail) {
          const base = attachment.file.size;
          const thumb = await stage(attachment.thumbnail, 'poster.jpg', (sent) => stagingIn(conversationId, { name: attachment.name, sent: base + sent, total }));
          if (!thumb.ok) {
            attachmentErrorIn(conversationId, thumb.error);
            return false;
          }
          thumbStageId = thumb.stageId;
        }
        const sent = await api.invoke('messages:sendFile', {
          conversationId,
          stageId: staged.stageId,
          kind: attachment.kind,
          durationSec: attachment.durationSec,
          thumbStageId,
        });
        if (!sent.ok) {
          attachmentErrorIn(conversationId, sent.error);
          return false;
        }
        get().messagesChanged({ conversationId, messages: [sent.value] });
        return true;
      } finally {
        stagingIn(conversationId, undefined);
      }
    },

    attachmentErrorDismissed: (conversationId) => attachmentErrorIn(conversationId, undefined),

    async uploadCancelRequested(id) {
      await api.invoke('messages:cancelUpload', { id });
    },
  };
};
