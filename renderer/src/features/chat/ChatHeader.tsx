import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { C2cConversation, Conversation } from '../../../../shared/domain';
import { GroupHeader } from '../group-info/GroupHeader';
import { Avatar } from '../../components/Avatar';
import { displayName } from '../../i18n';
import { selectTypingUser, useChatStore } from '../../state';
import { MoreIcon, MuteIcon, PinIcon, SelectIcon, SearchIcon } from '../message-actions/actionIcons';
import { PopupMenu, type MenuAnchor } from '../message-actions/PopupMenu';
import { ConfirmDialog } from '../message-actions/ConfirmDialog';
import { BlockIcon, ContactsIcon } from '../contacts/contactIcons';
import { errorText } from '../../i18n';
import { CallStartButtons } from '../calls/CallStartButtons';

/** Groups and topics have their own header (members, type, the group info panel: ADR 0004 §7). */
export function ChatHeader({ conversation }: { conversation: Conversation }) {
  return conversation.kind === 'group' ? <GroupHeader conversation={conversation} /> : <C2cChatHeader conversation={conversation} />;
}

function C2cChatHeader({ conversation }: { conversation: C2cConversation }) {
  const { t } = useTranslation();
  const typingUser = useChatStore(selectTypingUser(conversation.id));
  const name = displayName(conversation.peer);
  const presence = conversation.presence;
  const [menu, setMenu] = useState<MenuAnchor | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const searchOpened = useChatStore((s) => s.searchOpened);
  const selectionEntered = useChatStore((s) => s.selectionEntered);
  const pinToggled = useChatStore((s) => s.pinToggled);
  const muteToggled = useChatStore((s) => s.muteToggled);
  const muted = conversation.recvOpt !== 'AcceptAndNotify';
  const peerId = conversation.peer.userId;
  const blocked = useChatStore((s) => s.blocklist.some((e) => e.userId === peerId));
  // A4: a friend's custom status beside their presence.
  const customStatus = useChatStore((s) => s.contacts.find((c) => c.userId === peerId)?.customStatus ?? '');
  const profileDialogOpened = useChatStore((s) => s.profileDialogOpened);
  const blockRequested = useChatStore((s) => s.blockRequested);
  const unblockRequested = useChatStore((s) => s.unblockRequested);
  const [confirmBlock, setConfirmBlock] = useState(false);
  const [blockError, setBlockError] = useState<string | null>(null);
  const settleBlock = async (action: Promise<{ ok: boolean; error?: Parameters<typeof errorText>[1] }>) => {
    const outcome = await action;
    setBlockError(outcome.ok || !outcome.error ? null : errorText(t, outcome.error));
  };

  return (
    <header className="chat-header">
      <Avatar
        id={conversation.peer.userId}
        name={name}
        presence={presence}
        presenceLabel={presence ? t(`conversation.${presence}`) : undefined}
      />
      <div className="chat-header__text">
        <h2 className="chat-header__name">{name}</h2>
        {/* Announced politely, so a screen reader hears "is typing…" without losing its place. */}
        <p className="chat-header__status" aria-live="polite">
          {typingUser ? (
            <span className="chat-header__typing">
              <span className="typing-dots" aria-hidden="true">
                <span />
                <span />
                <span />
              </span>
              {t('chat.typing', { name })}
            </span>
          ) : presence ? (
            <>
              <span className={presence === 'online' ? 'chat-header__online' : undefined}>{t(`conversation.${presence}`)}</span>
              {customStatus && <span className="chat-header__custom-status"> · {customStatus}</span>}
            </>
          ) : (
            <span>@{conversation.peer.userId}</span>
          )}
        </p>
      </div>
      <div className="chat-header__actions">
        <CallStartButtons target={{ userId: peerId }} />
        <button
          type="button"
          className="icon-button"
          aria-label={t('conversationMenu.searchHere')}
          title={t('conversationMenu.searchHere')}
          onClick={() => searchOpened(conversation.id)}
        >
          <SearchIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('conversationMenu.label', { name })}
          title={t('conversationMenu.label', { name })}
          aria-haspopup="menu"
          aria-expanded={menu !== null}
          onClick={(event) => setMenu({ element: event.currentTarget })}
        >
          <MoreIcon />
        </button>
      </div>
      {menu && (
        <PopupMenu
          label={t('conversationMenu.label', { name })}
          anchor={menu}
          onClose={closeMenu}
          items={[
            { key: 'profile', label: t('profile.viewProfile'), icon: <ContactsIcon />, onSelect: () => profileDialogOpened(peerId) },
            { key: 'select', label: t('conversationMenu.selectMessages'), icon: <SelectIcon />, onSelect: () => selectionEntered(conversation.id) },
            { key: 'pin', label: conversation.pinned ? t('conversationMenu.unpin') : t('conversationMenu.pin'), icon: <PinIcon />, onSelect: () => void pinToggled(conversation.id) },
            { key: 'mute', label: muted ? t('conversationMenu.unmute') : t('conversationMenu.mute'), icon: <MuteIcon />, onSelect: () => void muteToggled(conversation.id) },
            blocked
              ? { key: 'unblock', label: t('profile.unblock'), icon: <BlockIcon />, onSelect: () => void settleBlock(unblockRequested(peerId)) }
              : { key: 'block', label: t('profile.block'), icon: <BlockIcon />, danger: true, onSelect: () => setConfirmBlock(true) },
          ]}
        />
      )}
      {blockError && (
        <p className="alert alert--error chat-header__alert" role="alert">
          {blockError}
        </p>
      )}
      <ConfirmDialog
        open={confirmBlock}
        title={t('block.title', { name })}
        description={t('block.body', { name })}
        confirmLabel={t('block.confirm')}
        cancelLabel={t('block.cancel')}
        onCancel={() => setConfirmBlock(false)}
        onConfirm={async () => {
          setConfirmBlock(false);
          await settleBlock(blockRequested(peerId));
        }}
      />
    </header>
  );
}
