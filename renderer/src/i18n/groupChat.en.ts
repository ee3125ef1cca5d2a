/**
 * Group and topic chat (issue 5: M6, M8, G5 tips, the composer's @-picker, the group info panel):
 * its own i18next namespace `groupChat` so the main catalogue's key types stay within
 * TypeScript's depth limit. Use `useTranslation('groupChat')`. Keys are added by feature.
 */
export const groupChatEn = {
  chatTitle: 'Group chat',
  composer: {
    pickerLabel: 'Mention someone',
    atAll: 'All',
    atAllHint: 'Notify everyone in the group',
    loadingMembers: 'Loading members…',
    optionLabel: '{{name}}, @{{userId}}',
    mutedUntil: 'You’re muted in this group until {{when}}.',
    mutedForever: 'You’re muted in this group.',
    mutedHint: 'An owner or admin can lift the mute. You can still read new messages.',
    mutedAll: 'Everyone is muted. Only the owner and admins can send messages.',
    noTopicPermission: 'You don’t have permission to send messages in this topic.',
    noPermission: 'Your role doesn’t allow sending messages here.',
    left: 'You’re no longer a member of this group. Earlier messages stay readable.',
    receipt: 'Request read receipt',
    receiptOn: 'Read receipt requested: members’ reads are counted for your next messages.',
  },
  header: {
    members_one: '{{count, number}} member',
    members_other: '{{count, number}} members',
    info: 'Group info',
    topicIn: 'Topic in {{community}}',
  },
  info: {
    title: 'Group info',
    close: 'Close group info',
    pin: 'Pin to top',
    clear: 'Clear chat history',
    clearTitle: 'Clear the history of {{name}}?',
    clearBody: 'Messages are removed from this device only; the group and other members keep them.',
    confirmClear: 'Clear',
    cancel: 'Cancel',
    membersHiddenAv: 'Members of an audio-video chat room are not listed.',
  },
};
export type GroupChatCatalog = typeof groupChatEn;
