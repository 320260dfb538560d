import { describe, expect, it } from 'vitest';
import { chooseLanguage, supportedLanguage } from './language';

describe('chooseLanguage', () => {
  it.each([
    // [stored choice, navigator.languages, shown]
    [null, ['ja-JP', 'ja', 'en-US'], 'ja'],
    [null, ['ja'], 'ja'],
    [null, ['en-US', 'ja-JP'], 'en'],
    [null, ['fr-FR', 'ja-JP'], 'ja'],
    [null, ['fr-FR', 'de'], 'en'],
    [null, [], 'en'],
    [undefined, undefined, 'en'],
    ['en', ['ja-JP'], 'en'],
    ['ja', ['en-US'], 'ja'],
    // A stored value we no longer support does not pin the UI to English.
    ['fr', ['ja-JP'], 'ja'],
    ['', ['ja-JP'], 'ja'],
  ])('stored %j, browser %j: %s', (stored, browser, expected) => {
    expect(chooseLanguage(stored, browser)).toBe(expected);
  });

  it('reads the primary subtag case-insensitively', () => {
    expect(supportedLanguage('JA-jp')).toBe('ja');
    expect(supportedLanguage('ja_JP')).toBe('ja');
    expect(supportedLanguage('jav')).toBeUndefined();
    expect(chooseLanguage(null, ['zh-Hans'], ['en', 'zh'])).toBe('zh');
  });
});
