// Which language the standalone UI starts in: the one the user chose in the language menu (kept in
// localStorage), else the first of the browser's languages (navigator.languages) we have a
// catalogue for, else English. Pure, so it is tested without a browser.

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
];

export const DEFAULT_LANGUAGE = 'en';

const SUPPORTED: readonly string[] = LANGUAGES.map((l) => l.code);

/** The supported code a BCP 47 tag asks for (`ja-JP` and `ja` give `ja`), if any. */
export function supportedLanguage(tag: string, supported: readonly string[] = SUPPORTED): string | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return supported.find((code) => code === primary);
}

/**
 * The language to show: an explicit choice wins when we still support it; otherwise the browser's
 * preference order decides; English when none of them is supported.
 */
export function chooseLanguage(
  stored: string | null | undefined,
  browser: readonly string[] | undefined,
  supported: readonly string[] = SUPPORTED,
): string {
  const chosen = stored ? supportedLanguage(stored, supported) : undefined;
  if (chosen) return chosen;
  for (const tag of browser ?? []) {
    const code = supportedLanguage(tag, supported);
    if (code) return code;
  }
  return DEFAULT_LANGUAGE;
}
