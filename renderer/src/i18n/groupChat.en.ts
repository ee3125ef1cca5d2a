/**
 * Group and topic chat (issue 5: M6, M8, G5 tips, the composer's @-picker, the group info panel):
 * its own i18next namespace `groupChat` so the main catalogue's key types stay within
 * TypeScript's depth limit. Use `useTranslation('groupChat')`. Keys are added by feature.
 */
export const groupChatEn = {
  chatTitle: 'Group chat',
};
export type GroupChatCatalog = typeof groupChatEn;
