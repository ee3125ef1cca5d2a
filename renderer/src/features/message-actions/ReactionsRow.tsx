import { useTranslation } from 'react-i18next';
import type { ChatMessage, UserId } from '../../../../shared/domain';
import { SmileIcon } from './actionIcons';
import type { MenuAnchor } from './PopupMenu';

interface ReactionsRowProps {
  message: ChatMessage;
  nameOf: (userId: UserId) => string;
  onToggle: (emoji: string) => void;
  onAdd: (anchor: MenuAnchor) => void;
}

/** M13: one chip per emoji with its count; mine are pressed; the name lists who reacted. */
export function ReactionsRow({ message, nameOf, onToggle, onAdd }: ReactionsRowProps) {
  const { t } = useTranslation();
  const canReact = message.seq !== null && !message.recalled;
  return (
    <div className="reactions" role="group" aria-label={t('actions.reactions')}>
      {message.reactions.map((reaction) => {
        const names = reaction.userIds.map(nameOf).join(', ');
        return (
          <button
            key={reaction.emoji}
            type="button"
            className={`reaction-chip ${reaction.mine ? 'reaction-chip--mine' : ''}`}
            aria-pressed={reaction.mine}
            aria-label={t('actions.reactionChip', { emoji: reaction.emoji, count: reaction.userIds.length, names })}
            title={names}
            disabled={!canReact}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(reaction.emoji);
            }}
          >
            <span aria-hidden="true">{reaction.emoji}</span>
            <span className="reaction-chip__count" aria-hidden="true">
              {reaction.userIds.length}
            </span>
          </button>
        );
      })}
      {canReact && (
        <button
          type="button"
          className="reaction-chip reaction-chip--add"
          aria-label={t('actions.react')}
          title={t('actions.react')}
          onClick={(event) => {
            event.stopPropagation();
            onAdd({ element: event.currentTarget });
          }}
        >
          <SmileIcon />
        </button>
      )}
    </div>
  );
}
