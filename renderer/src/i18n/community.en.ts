/**
 * Communities in chat (issue 5: G7): the community rail, topic list and topic chat; its own i18next
 * namespace `community`. Use `useTranslation('community')`.
 */
export const communityEn = {
  railLabel: 'Communities',
  railUnread_one: '{{count}} unread message',
  railUnread_other: '{{count}} unread messages',
  railMention: 'you were mentioned',
  members_one: '{{count}} member',
  members_other: '{{count}} members',
  menu: 'Community options',
  menuLabel: 'Options for {{name}}',
  profile: 'Community profile and settings',
  newTopic: 'New topic',
  topicsLabel: 'Topics of {{name}}',
  topicUnread_one: '{{count}} unread',
  topicUnread_other: '{{count}} unread',
  topicMention: 'mentions you',
  topicMentionAll: 'mentions everyone',
  topicMuted: 'muted',
  emptyTitle: 'No topics yet',
  emptyBodyManager: 'Topics are where the conversation happens. Create the first one, for example “general”.',
  emptyBodyMember: 'An admin hasn’t created any topics yet. They will appear here.',
  opening: 'Opening {{name}}…',
  openFailed: 'Couldn’t open {{name}}: {{reason}}',
  retry: 'Try again',
  gone: 'You are no longer in this community.',
};
export type CommunityCatalog = typeof communityEn;
