import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import type { AttachmentKind } from '../../../../shared/ipc';
import { conversationTitle } from '../chat/conversationTitle';
import { useChatStore } from '../../state';
import { PaperclipIcon } from '../message-content/contentIcons';
import { attachmentKindOf, attachmentProblem, fallbackName, type AttachmentProblem } from './attachmentKind';
import { AttachmentPreview } from './AttachmentPreview';
import { measureAudio, measureVideo } from './measureMedia';
import './attachments.css';

/** A file chosen, dropped or pasted, waiting in the preview. */
export interface PendingAttachment {
  id: number;
  file: Blob;
  name: string;
  kind: AttachmentKind;
  /** Object URL of the picture (image) or drawn poster (video) for the preview. */
  previewUrl: string | null;
  measuring: boolean;
  problem: AttachmentProblem;
  durationSec?: number;
  thumbnail?: Blob;
}

interface Attachments {
  /** Opens the preview with these files (or adds them to it). */
  add(files: readonly File[]): void;
  /** A finished voice recording goes out at once, as in the messengers people know. */
  sendVoice(recording: Blob, durationSec: number): Promise<void>;
}

const AttachmentsContext = createContext<Attachments | null>(null);

export function useAttachments(): Attachments {
  const context = useContext(AttachmentsContext);
  if (!context) throw new Error('useAttachments outside AttachmentArea');
  return context;
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

let nextId = 1;

/**
 * The open chat's timeline and composer: files can be dropped anywhere on it
 * (with an overlay saying where they go), and every way in (drop, paste,
 * the attach button) leads to one preview before sending.
 */
export function AttachmentArea({ conversation, children }: { conversation: Conversation; children: ReactNode }) {
  const { t } = useTranslation();
  const attachmentSubmitted = useChatStore((s) => s.attachmentSubmitted);
  const [pending, setPending] = useState<PendingAttachment[]>([]);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const pendingRef = useRef(pending);
  useEffect(() => {
    pendingRef.current = pending;
  }, [pending]);

  const update = useCallback((id: number, change: Partial<PendingAttachment>) => {
    setPending((list) => list.map((item) => (item.id === id ? { ...item, ...change } : item)));
  }, []);

  const measure = useCallback(
    async (item: PendingAttachment) => {
      if (item.kind === 'sound') {
        const duration = await measureAudio(item.file);
        // Not decodable here, or longer than a voice message may be: it travels as a file.
        if (duration === null || duration > 3600) update(item.id, { kind: 'file', measuring: false, problem: attachmentProblem('file', item.file.size) });
        else update(item.id, { durationSec: duration, measuring: false });
      } else if (item.kind === 'video') {
        const video = await measureVideo(item.file);
        if (!video) update(item.id, { kind: 'file', measuring: false, problem: attachmentProblem('file', item.file.size) });
        else update(item.id, { durationSec: video.durationSec, thumbnail: video.poster, previewUrl: URL.createObjectURL(video.poster), measuring: false });
      }
    },
    [update],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const items = files.map((file): PendingAttachment => {
        const kind = attachmentKindOf(file.type);
        const problem = attachmentProblem(kind, file.size);
        const measurable = !problem && (kind === 'sound' || kind === 'video');
        return {
          id: nextId++,
          file,
          name: file.name || fallbackName(kind === 'image' ? 'image' : 'file', file.type, new Date()),
          kind,
          previewUrl: kind === 'image' && !problem ? URL.createObjectURL(file) : null,
          measuring: measurable,
          problem,
        };
      });
      setPending((list) => [...list, ...items]);
      for (const item of items) if (item.measuring) void measure(item);
    },
    [measure],
  );

  const discard = useCallback((items: readonly PendingAttachment[]) => {
    for (const item of items) if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
  }, []);

  // Preview URLs die with the chat.
  useEffect(() => () => discard(pendingRef.current), [discard]);

  const remove = (id: number) => {
    discard(pending.filter((item) => item.id === id));
    setPending((list) => list.filter((item) => item.id !== id));
  };

  const cancel = () => {
    discard(pending);
    setPending([]);
  };

  const send = async () => {
    const ready = pending.filter((item) => !item.problem && !item.measuring);
    discard(pending);
    setPending([]);
    for (const item of ready) {
      const sent = await attachmentSubmitted(conversation.id, {
        file: item.file,
        name: item.name,
        kind: item.kind,
        durationSec: item.durationSec === undefined ? undefined : Math.round(item.durationSec),
        thumbnail: item.thumbnail,
      });
      if (!sent) break;
    }
  };

  const sendVoice = useCallback(
    async (recording: Blob, durationSec: number) => {
      await attachmentSubmitted(conversation.id, {
        file: recording,
        name: fallbackName('voice', recording.type || 'audio/webm', new Date()),
        kind: 'sound',
        durationSec: Math.max(1, Math.round(durationSec)),
      });
    },
    [attachmentSubmitted, conversation.id],
  );

  const onDragEnter = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth.current++;
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    add(Array.from(event.dataTransfer.files));
  };

  const attachments = useMemo<Attachments>(() => ({ add, sendVoice }), [add, sendVoice]);

  return (
    <AttachmentsContext.Provider value={attachments}>
      <div className="attachment-area" onDragEnter={onDragEnter} onDragLeave={onDragLeave} onDragOver={onDragOver} onDrop={onDrop}>
        {children}
        {dragging && (
          <div className="drop-zone" aria-hidden="true">
            <div className="drop-zone__card">
              <PaperclipIcon />
              <span className="drop-zone__title">{t('attach.dropTitle', { name: conversationTitle(conversation, t) })}</span>
              <span className="drop-zone__hint">{t('attach.dropHint')}</span>
            </div>
          </div>
        )}
      </div>
      <AttachmentPreview items={pending} onRemove={remove} onCancel={cancel} onSend={() => void send()} />
    </AttachmentsContext.Provider>
  );
}
