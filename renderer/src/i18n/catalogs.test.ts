import { describe, expect, it } from 'vitest';
import { ERRORS, type ErrorShape } from '../../../shared/errors';
import { en } from './en';
import { languageFromNavigator } from './languages';
import { zhCN } from './zh-CN';
import { resources } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

function lookup(catalog: unknown, path: string): string {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalog) as string;
}

describe('catalogs', () => {
  it('Simplified Chinese has exactly the English keys, none empty', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const key of keys(zhCN)) expect(lookup(zhCN, key).trim(), key).not.toBe('');
  });

  it('every namespace has the same keys in both languages, none empty, placeholders kept', () => {
    const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];
    expect(namespaces.sort()).toEqual((Object.keys(resources['zh-CN']) as string[]).sort());
    for (const ns of namespaces) {
      const english = resources.en[ns];
      const chinese = resources['zh-CN'][ns];
      expect(keys(chinese).sort(), ns).toEqual(keys(english).sort());
      for (const key of keys(english)) {
        expect(lookup(chinese, key).trim(), `${ns}:${key}`).not.toBe('');
        expect(placeholders(lookup(chinese, key)), `${ns}:${key}`).toEqual(placeholders(lookup(english, key)));
      }
    }
  });

  it('every translation keeps the placeholders of the English text', () => {
    for (const key of keys(en)) expect(placeholders(lookup(zhCN, key)), key).toEqual(placeholders(lookup(en, key)));
  });

  it('has a message for every error code in the shared catalogue', () => {
    expect(Object.keys(en.errors).sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('picks the default language from the browser', () => {
    expect(languageFromNavigator(['zh-CN', 'en'])).toBe('zh-CN');
    expect(languageFromNavigator(['zh-TW'])).toBe('zh-CN');
    expect(languageFromNavigator(['en-GB', 'zh-CN'])).toBe('en');
    expect(languageFromNavigator(['de-DE', 'zh'])).toBe('zh-CN');
    expect(languageFromNavigator(['fr'])).toBe('en');
  });
});

describe('errorText', () => {
  it('translates a failed send or a sign-out reason by its code, whatever English words came with it', async () => {
    const { createI18n } = await import('./i18n');
    const { errorText } = await import('./errorText');
    const zh = createI18n('zh-CN');
    const en = createI18n('en');
    // The core's own wording, not the catalogue's: a reverse lookup by English text would miss it.
    const refused = { code: 'user_not_found', message: 'No user with the ID bob.' } as const;
    expect(errorText(zh.t, refused)).toBe('该用户不存在。');
    expect(errorText(en.t, refused)).toBe('That user does not exist.');
    expect(errorText(zh.t, { code: 'kicked', message: 'Signed out by an admin.' })).toBe('此账号已在其他地方登录，或已被管理员登出。');
  });

  it('falls back to the message only for a code without a translation', async () => {
    const { createI18n } = await import('./i18n');
    const { errorText } = await import('./errorText');
    const zh = createI18n('zh-CN');
    const fromNewerServer = { code: 'quota_exceeded', message: 'Daily quota exceeded.' } as unknown as ErrorShape;
    expect(errorText(zh.t, fromNewerServer)).toBe('Daily quota exceeded.');
    expect(errorText(zh.t, { ...fromNewerServer, message: '' })).toBe('我们这边出了点问题，请重试。');
  });
});
