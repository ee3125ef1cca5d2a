import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../state';
import { en, type Catalog } from './en';
import { zhCN } from './zh-CN';
import { groupChatEn, type GroupChatCatalog } from './groupChat.en';
import { groupChatZhCN } from './groupChat.zh-CN';
import { communityEn, type CommunityCatalog } from './community.en';
import { communityZhCN } from './community.zh-CN';
import { callHistoryEn, type CallHistoryCatalog } from './callHistory.en';
import { callHistoryZhCN } from './callHistory.zh-CN';
import { callsEn, type CallsCatalog } from './calls.en';
import { callsZhCN } from './calls.zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // New features get their own namespace: one merged catalogue's key types reach TypeScript's depth limit.
    resources: { translation: Catalog; groupChat: GroupChatCatalog; community: CommunityCatalog; callHistory: CallHistoryCatalog; calls: CallsCatalog };
  }
}

export const resources = {
  en: { translation: en, groupChat: groupChatEn, community: communityEn, callHistory: callHistoryEn, calls: callsEn },
  'zh-CN': { translation: zhCN, groupChat: groupChatZhCN, community: communityZhCN, callHistory: callHistoryZhCN, calls: callsZhCN },
} as const;

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: ['translation', 'groupChat', 'community', 'callHistory', 'calls'],
    defaultNS: 'translation',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
