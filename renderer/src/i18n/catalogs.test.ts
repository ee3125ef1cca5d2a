import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../../shared/errors';
import { en } from './en';
import { languageFromNavigator } from './languages';
import { zhCN } from './zh-CN';

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

describe('failureText', () => {
  it('translates a failure reason the core stored in catalogue English, and keeps any other text', async () => {
    const { createI18n } = await import('./i18n');
    const { failureText } = await import('./errorText');
    const zh = createI18n('zh-CN');
    expect(failureText(zh.t, 'That user does not exist.')).toBe('该用户不存在。');
    expect(failureText(zh.t, 'Something unforeseen')).toBe('Something unforeseen');
  });
});
