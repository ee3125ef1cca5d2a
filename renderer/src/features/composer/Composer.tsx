import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import { SendIcon } from '../../components/icons';
import { displayName, errorText } from '../../i18n';
import { selectSendError, useChatStore } from '../../state';
import { isSendKey } from './sendKey';
import './composer.css';

const MAX_HEIGHT_PX = 200;

export function Composer({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const messageSubmitted = useChatStore((s) => s.messageSubmitted);
  const composerTyped = useChatStore((s) => s.composerTyped);
  const sendError = useChatStore(selectSendError(conversation.id));
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const canSend = text.trim().length > 0 && !sending;

  // Grow with the text up to a limit, then scroll inside.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const send = async () => {
    if (!canSend) return;
    setSending(true);
    const sent = await messageSubmitted(conversation.id, text);
    setSending(false);
    if (sent) setText('');
    textarea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const native = event.nativeEvent;
    if (!isSendKey({ key: event.key, shiftKey: event.shiftKey, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, isComposing: native.isComposing, keyCode: native.keyCode })) return;
    event.preventDefault();
    void send();
  };

  return (
    <div className="composer">
      {sendError && (
        <p className="composer__error" role="alert">
          {errorText(t, sendError)}
        </p>
      )}
      <form
        className="composer__box"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <textarea
          ref={textarea}
          className="composer__input"
          rows={1}
          value={text}
          placeholder={t('composer.placeholder')}
          aria-label={t('composer.label', { name: displayName(conversation.peer) })}
          aria-describedby="composer-hint"
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim()) composerTyped(conversation.id);
          }}
          onKeyDown={onKeyDown}
          autoFocus
        />
        <button type="submit" className="composer__send" aria-label={t('composer.send')} title={t('composer.send')} disabled={!canSend}>
          <SendIcon />
        </button>
      </form>
      <p id="composer-hint" className="composer__hint">
        {t('composer.hint')}
      </p>
    </div>
  );
}
