import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupedVirtuoso } from 'react-virtuoso';
import type { Contact } from '../../../../shared/ipc';
import type { FriendList } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { groupAlphabetically } from './alphaIndex';
import { ContactRow } from './ContactRow';
import { avatarSrc, contactName } from './people';

export type Grouping = 'name' | 'list';

interface Section {
  title: string;
  contacts: Contact[];
}

/** A friend matches a search by remark, nickname or UserID, case- and accent-insensitively. */
export function matchesQuery(contact: Contact, query: string): boolean {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const q = fold(query.trim());
  if (!q) return true;
  return [contact.remark, contact.profile.nick, contact.userId].some((field) => fold(field).includes(q));
}

/** Sections by initial (A–Z, pinyin for Chinese names, then #), or by friend list (a friend in several lists appears in each). */
export function sectionsOf(contacts: readonly Contact[], lists: readonly FriendList[], grouping: Grouping, notInList: string): Section[] {
  if (grouping === 'name') {
    return groupAlphabetically(contacts, contactName, (c) => c.userId).map((s) => ({ title: s.initial, contacts: s.items }));
  }
  const byId = new Map(contacts.map((c) => [c.userId, c]));
  const listed = new Set<string>();
  const sections: Section[] = [];
  for (const list of [...lists].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
    const members = list.members.flatMap((id) => {
      const contact = byId.get(id);
      return contact ? [contact] : [];
    });
    members.forEach((m) => listed.add(m.userId));
    if (members.length > 0) sections.push({ title: list.name, contacts: groupAlphabetically(members, contactName, (c) => c.userId).flatMap((s) => s.items) });
  }
  const rest = contacts.filter((c) => !listed.has(c.userId));
  if (rest.length > 0) sections.push({ title: notInList, contacts: groupAlphabetically(rest, contactName, (c) => c.userId).flatMap((s) => s.items) });
  return sections;
}

/** Friends, grouped and virtualized (3,000 friends render only the rows on screen). */
export function ContactList({ contacts, grouping, query }: { contacts: Contact[]; grouping: Grouping; query: string }) {
  const { t } = useTranslation();
  const lists = useChatStore((s) => s.friendLists);
  const pane = useChatStore((s) => s.contactsPane);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const mediaBaseUrl = useChatStore((s) => s.appInfo?.mediaBaseUrl ?? null);
  const selectedId = pane?.kind === 'person' ? pane.userId : null;
  const select = useCallback((userId: string) => contactsPaneChosen({ kind: 'person', userId }), [contactsPaneChosen]);

  const sections = useMemo(() => {
    const filtered = query.trim() ? contacts.filter((c) => matchesQuery(c, query)) : contacts;
    return sectionsOf(filtered, lists, grouping, t('contacts.notInList'));
  }, [contacts, lists, grouping, query, t]);
  const flat = useMemo(() => sections.flatMap((s) => s.contacts), [sections]);

  if (flat.length === 0) {
    return (
      <p className="contacts-nav__none" role="status">
        {t('contacts.noMatches', { query: query.trim() })}
      </p>
    );
  }

  return (
    <GroupedVirtuoso
      className="contact-list"
      groupCounts={sections.map((s) => s.contacts.length)}
      groupContent={(index) => {
        const section = sections[index];
        if (!section) return null;
        return (
          <h3 className="contact-list__group" aria-label={t('contacts.sectionLabel', { title: section.title, count: section.contacts.length })}>
            {section.title}
          </h3>
        );
      }}
      itemContent={(index) => {
        const contact = flat[index];
        if (!contact) return null;
        const presenceLabel = contact.presence ? t(`presence.${contact.presence}`) : undefined;
        const detail = contact.customStatus || contact.profile.selfSignature;
        return (
          <div className="contact-list__item">
            <ContactRow
              userId={contact.userId}
              name={contactName(contact)}
              detail={detail}
              presence={contact.presence}
              presenceLabel={presenceLabel}
              photo={avatarSrc(mediaBaseUrl, contact.profile.image)}
              selected={contact.userId === selectedId}
              onSelect={select}
            />
          </div>
        );
      }}
      computeItemKey={(index) => {
        const contact = flat[index];
        return contact ? `${index}:${contact.userId}` : index;
      }}
    />
  );
}
