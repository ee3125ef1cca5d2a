import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import { SendIcon } from '../../components/icons';
import { errorText, messageText } from '../../i18n';
import { conversationTitle } from '../chat/conversationTitle';
import { selectSendError, useChatStore } from '../../state';
import { useNameOf } from '../message-actions/MessageFrame';
import { ComposerModeBanner } from './ComposerModeBanner';
import { AttachButton } from './AttachButton';
import { useAttachments } from './AttachmentArea';
import { AttachmentStatus } from './AttachmentStatus';
import { isSendKey } from './sendKey';
import { VoiceRecorder } from './VoiceRecorder';
import { useDraft } from './useDraft';
import { useGroupComposer } from './useGroupComposer';
import './composer.css';

const MAX_HEIGHT_PX = 200;

export function Composer({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const messageSubmitted = useChatStore((s) => s.messageSubmitted);
  const composerTyped = useChatStore((s) => s.composerTyped);
  const sendError = useChatStore(selectSendError(conversation.id));
  // M12: the conversation opens with its kept draft.
  const [text, setText] = useState(() => conversation.draft ?? '');
  const mode = useChatStore((s) => s.composerModes[conversation.id]);
  const fill = useChatStore((s) => s.composerFills[conversation.id]);
  const editSubmitted = useChatStore((s) => s.editSubmitted);
  const composerModeCancelled = useChatStore((s) => s.composerModeCancelled);
  const nameOf = useNameOf(conversation.id);
  // What was typed before an edit began, put back when the edit ends.
  const [beforeEdit, setBeforeEdit] = useState<string | null>(null);
  const editing = mode?.kind === 'edit';
  useDraft(conversation.id, text, editing);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { add: addAttachments } = useAttachments();
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Groups (ADR 0004 §7): the @-picker, the refusal banner and the read-receipt toggle; inert in one-to-one chats.
  const group = useGroupComposer(conversation, text, setText, textarea);
  const canSend = text.trim().length > 0 && !sending;

  // Grow with the text up to a limit, then scroll inside.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  // Reply / edit chosen on a message: the composer takes focus; an edit brings the message's text in.
  const modeMessageId = mode ? `${mode.kind}:${mode.message.id}` : null;
  const [seenMode, setSeenMode] = useState(modeMessageId);
  if (seenMode !== modeMessageId) {
    setSeenMode(modeMessageId);
    if (mode?.kind === 'edit') {
      setBeforeEdit((previous) => previous ?? text);
      setText(messageText(mode.message.body, t));
    }
  }
  // M5 re-edit: the recalled text comes back into the composer.
  const [seenFill, setSeenFill] = useState(fill);
  if (seenFill !== fill) {
    setSeenFill(fill);
    if (fill) setText(fill.text);
  }
  useEffect(() => {
    if (modeMessageId || fill) textarea.current?.focus();
  }, [modeMessageId, fill]);

  const endEdit = () => {
    setText(beforeEdit ?? '');
    setBeforeEdit(null);
  };

  const leaveMode = () => {
    if (editing) endEdit();
    composerModeCancelled(conversation.id);
  };

  const send = async () => {
    if (!canSend) return;
    setSending(true);
    let sent: boolean;
    if (mode?.kind === 'edit') {
      sent = await editSubmitted(conversation.id, text);
      if (sent) endEdit();
    } else {
      sent = await messageSubmitted(conversation.id, text, mode?.kind === 'reply' ? mode.message.id : undefined, group.extras(text));
      if (sent) {
        setText('');
        group.sent();
        if (mode) composerModeCancelled(conversation.id);
      }
    }
    setSending(false);
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const native = event.nativeEvent;
    // The open @-picker takes its keys first (arrows, Enter/Tab to choose, Esc to close).
    if (group.mentions.onKeyDown(event)) return;
    if (event.key === 'Escape' && mode && !native.isComposing) {
      // Handled here: the window's Esc (mark as read) must not also fire.
      event.preventDefault();
      leaveMode();
      return;
    }
    if (!isSendKey({ key: event.key, shiftKey: event.shiftKey, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, isComposing: native.isComposing, keyCode: native.keyCode })) return;
    event.preventDefault();
    void send();
  };

  // checkSend refuses (muted, everyone muted, no right in this topic, left): the reason instead of the box.
  if (group.banner) return group.banner;
  const failure = group.failedReason ?? (sendError ? errorText(t, sendError) : null);

  return (
    <div className="composer">
      {failure && (
        <p className="composer__error" role="alert">
          {failure}
        </p>
      )}
      {mode && <ComposerModeBanner mode={mode} authorName={nameOf(mode.message.from)} onCancel={leaveMode} />}
      <AttachmentStatus conversationId={conversation.id} notice={notice} onDismissNotice={() => setNotice(null)} />
      <form
        className="composer__box"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        {!editing && <AttachButton />}
        <div className="composer__field" {...group.mentions.comboboxProps}>
          {group.mentions.picker}
          <textarea
            ref={textarea}
            className="composer__input"
            rows={1}
            value={text}
            placeholder={t('composer.placeholder')}
            aria-label={t('composer.label', { name: conversationTitle(conversation, t) })}
            aria-describedby="composer-hint"
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value.trim()) composerTyped(conversation.id);
            }}
            onKeyDown={onKeyDown}
            onPaste={(event) => {
              // Screenshots and copied files go to the attachment preview; text pastes as usual.
              const files = Array.from(event.clipboardData.files);
              if (files.length === 0) return;
              event.preventDefault();
              addAttachments(files);
            }}
            autoFocus
            {...group.mentions.inputProps}
          />
        </div>
        {!editing && group.receiptToggle}
        {!editing && <VoiceRecorder onNotice={setNotice} />}
        <button
          type="submit"
          className="composer__send"
          aria-label={editing ? t('actions.saveEdit') : t('composer.send')}
          title={editing ? t('actions.saveEdit') : t('composer.send')}
          disabled={!canSend}
        >
          <SendIcon />
        </button>
      </form>
      {group.receiptNote && (
        <p className="composer__toggle-note" role="status">
          {group.receiptNote}
        </p>
      )}
      <p id="composer-hint" className="composer__hint">
        {t('composer.hint')}
      </p>
    </div>
  );
}
