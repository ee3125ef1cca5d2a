import type { ChatMessage } from '../../../../shared/domain';
import { toMillis } from '../../i18n';

export interface MessageAbilities {
  react: boolean;
  reply: boolean;
  edit: boolean;
  recall: boolean;
  copy: boolean;
  forward: boolean;
  select: boolean;
  deleteForMe: boolean;
  report: boolean;
}

/** The text a message carries (its text elements), or null when it has none. */
export function copyableText(message: ChatMessage): string | null {
  const texts = message.body.flatMap((e) =>
    e.MsgType === 'TIMTextElem' && typeof e.MsgContent === 'object' && e.MsgContent !== null && 'Text' in e.MsgContent && typeof e.MsgContent.Text === 'string'
      ? [e.MsgContent.Text]
      : [],
  );
  return texts.length > 0 ? texts.join('\n') : null;
}

/**
 * What the person may do with a message right now. Only messages the server
 * has numbered can be acted on; recall only by the sender while the window
 * lasts (M5); edit only own text (M14); report only others' messages (M16).
 */
export function abilitiesOf(message: ChatMessage, now: number, recallWindowMs: number): MessageAbilities {
  const stored = message.seq !== null && message.status === 'sent' && !message.recalled;
  const textOnly = message.body.length > 0 && message.body.every((e) => e.MsgType === 'TIMTextElem');
  return {
    react: stored,
    reply: stored,
    edit: stored && message.isOwn && textOnly,
    recall: stored && message.isOwn && now - toMillis(message.time) < recallWindowMs,
    copy: !message.recalled && copyableText(message) !== null,
    forward: stored && message.body.length > 0,
    select: stored && message.body.length > 0,
    deleteForMe: message.seq !== null,
    report: stored && !message.isOwn,
  };
}
