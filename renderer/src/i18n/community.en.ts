/**
 * Communities in chat (issue 5: G7): the community rail, topic list and topic chat; its own i18next
 * namespace `community`. Use `useTranslation('community')`.
 */
export const communityEn = {
  railLabel: 'Communities',
};
export type CommunityCatalog = typeof communityEn;
