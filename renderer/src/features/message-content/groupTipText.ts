import type { TFunction } from 'i18next';
import { GroupSystemNoticeElem, GroupTipElem, type StoredElem } from '../../../../shared/domain';

/** Tencent's sender for what the app admin (REST) did: shown as "System", never as a raw ID. */
const SYSTEM_SENDER = '@TIM#SYSTEM';
/** More targets than this are summarised ("A, B, C and 4 others"), as a centred line stays one line. */
const MAX_NAMED = 3;

export type NameOf = (userId: string) => string;
/** A community topic's name as this viewer knows it (ADR 0005 tips name topics by ID). */
export type TopicNameOf = (topicId: string) => string;

/** Without a topic cache, a topic is named by the part of its ID after the community's. */
const topicPart: TopicNameOf = (topicId) => topicId.slice(topicId.indexOf('@TOPIC#') + '@TOPIC#'.length).replace(/^_/, '');

function people(userIds: readonly string[], nameOf: NameOf, t: TFunction<'groupChat'>): string {
  const names = userIds.slice(0, MAX_NAMED).map(nameOf).join(t('tips.listSeparator'));
  return userIds.length > MAX_NAMED ? t('tips.andMore', { names, count: userIds.length - MAX_NAMED }) : names;
}

/**
 * G5: what a group tip (or a REST system notification) says, in the viewer's language, or null when the
 * element is neither. `nameOf` names people as this viewer does (name card, remark, nickname); the caller
 * maps the viewer's own ID to "You".
 */
export function groupTipText(element: StoredElem, nameOf: NameOf, t: TFunction<'groupChat'>, topicName: TopicNameOf = topicPart): string | null {
  const notice = GroupSystemNoticeElem.safeParse(element);
  if (notice.success) return t('tips.notice', { text: notice.data.MsgContent.Content });
  const parsed = GroupTipElem.safeParse(element);
  if (!parsed.success) return null;
  const { Kind: kind, Operator, Targets, Changes } = parsed.data.MsgContent;
  const operator = Operator === SYSTEM_SENDER || Operator === '' ? t('tips.system') : nameOf(Operator);
  // Joining and leaving name who came or went; a tip without targets means the operator did it themself.
  const targets = Targets.length > 0 ? people(Targets, nameOf, t) : operator;
  const vars = { operator, targets, interpolation: { escapeValue: false } };
  switch (kind) {
    case 'profileChanged':
      if (Changes.name !== undefined) return t('tips.renamed', { ...vars, name: Changes.name });
      if (Changes.notification !== undefined) return t('tips.announcement', vars);
      if (Changes.introduction !== undefined) return t('tips.introduction', vars);
      if (Changes.faceUrl !== undefined) return t('tips.avatar', vars);
      if (Changes.applyJoinOption !== undefined) return t('tips.joinOption', vars);
      return t('tips.profileChanged', vars);
    case 'muteAll':
      return Changes.muteAll === 'false' ? t('tips.muteAllOff', vars) : t('tips.muteAllOn', vars);
    case 'topicCreated':
      return t('tips.topicCreated', { ...vars, name: Changes.name ?? '' });
    case 'topicChanged':
      return Changes.name !== undefined ? t('tips.topicRenamed', { ...vars, name: Changes.name }) : t('tips.topicChanged', vars);
    case 'messagesMoved':
      return t('tips.messagesMoved', {
        ...vars,
        count: Number(Changes.Count ?? 0),
        from: topicName(Changes.FromTopicId ?? ''),
        to: topicName(Changes.ToTopicId ?? ''),
      });
    default:
      return t(`tips.${kind}`, vars);
  }
}

/** The first tip or notice line of a body, or null: a tip message carries exactly one such element. */
export function bodyTipText(body: readonly StoredElem[], nameOf: NameOf, t: TFunction<'groupChat'>, topicName?: TopicNameOf): string | null {
  for (const element of body) {
    const text = groupTipText(element, nameOf, t, topicName);
    if (text !== null) return text;
  }
  return null;
}
