import { useTranslation } from 'react-i18next';
import type { ConversationId, ReplyRef } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { useTransientFlag } from '../useTransientFlag';

interface ReplyQuoteProps {
  conversationId: ConversationId;
  replyTo: ReplyRef;
  name: string;
}

/** M14: the quoted message above a reply; a click shows the original in context (loading it if needed). */
export function ReplyQuote({ conversationId, replyTo, name }: ReplyQuoteProps) {
  const { t } = useTranslation();
  const jumpToMessageRequested = useChatStore((s) => s.jumpToMessageRequested);
  const [missing, setMissing] = useTransientFlag();

  return (
    <div className="reply-quote-wrap">
      <button
        type="button"
        className="reply-quote"
        aria-label={t('actions.quoteLabel', { name, text: replyTo.preview })}
        onClick={(event) => {
          event.stopPropagation();
          void jumpToMessageRequested(conversationId, replyTo.messageId).then((found) => setMissing(!found));
        }}
      >
        <span className="reply-quote__name">{name}</span>
        <span className="reply-quote__text">{replyTo.preview}</span>
      </button>
      {missing && (
        <span className="reply-quote__missing" role="status">
          {t('actions.quoteMissing')}
        </span>
      )}
    </div>
  );
}
