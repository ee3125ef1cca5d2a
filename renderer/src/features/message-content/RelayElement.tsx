import { useTranslation } from 'react-i18next';
import type { MsgElem } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { HistoryIcon } from './contentIcons';

type RelayContent = Extract<MsgElem, { MsgType: 'TIMRelayElem' }>['MsgContent'];

const ABSTRACT_LINES = 4;

/** A combined-forward card: title, the first abstract lines, how many messages; opens the relay viewer. */
export function RelayElement({ content }: { content: RelayContent }) {
  const { t } = useTranslation();
  const relayOpened = useChatStore((s) => s.relayOpened);
  const count = t('content.relayCount', { count: content.MsgNum });
  const open = () => {
    if (content.JsonMsgKey) void relayOpened({ key: content.JsonMsgKey, title: content.Title });
    else if (content.MsgList?.length) void relayOpened({ title: content.Title, inline: content.MsgList });
  };
  return (
    <button
      type="button"
      className="content-relay"
      aria-label={t('content.openRelay', { title: content.Title, count })}
      disabled={!content.JsonMsgKey && !content.MsgList?.length}
      onClick={open}
    >
      <span className="content-relay__title">{content.Title}</span>
      <span className="content-relay__lines">
        {content.AbstractList.slice(0, ABSTRACT_LINES).map((line, index) => (
          <span key={index} className="content-relay__line">
            {line}
          </span>
        ))}
      </span>
      <span className="content-relay__footer">
        <HistoryIcon />
        {t('content.chatHistory')} · {count}
      </span>
    </button>
  );
}
