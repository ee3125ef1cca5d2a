export { createI18n, resources } from './i18n';
export { LANGUAGE_NAMES, languageFromNavigator } from './languages';
export { formatClock, formatDay, formatListTime, isSameDay, daysAgo, toMillis } from './formatTime';
export { errorText } from './errorText';
export { messageText, elementText, displayName } from './messageText';
export type { Catalog } from './en';
