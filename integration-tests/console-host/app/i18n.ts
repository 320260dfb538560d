// i18next as the console sets it up for plugins: namespace separator `~`, no key separator, and
// each plugin's catalogue `plugin__<name>` fetched from `/locales/resource.json?lng=..&ns=..`,
// which the console's server answers from the plugin's `locales/<lng>/<ns>.json`.
import i18n, { type BackendModule, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';

const backend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (lng, ns, callback) => {
    const q = new URLSearchParams({ lng, ns });
    fetch(`/locales/resource.json?${q.toString()}`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${ns} (${lng}): HTTP ${r.status}`))))
      .then(
        (data: Record<string, string>) => callback(null, data),
        (err: Error) => callback(err, false),
      );
  },
};

export async function initI18n(lng: string): Promise<void> {
  document.documentElement.lang = lng;
  await i18n
    .use(backend)
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: 'en',
      ns: [],
      nsSeparator: '~',
      keySeparator: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: true },
      showSupportNotice: false,
    });
}

/** Namespaces named by `%<ns>~<key>%` strings in extension properties. */
export function namespacesOf(texts: unknown[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    const m = /^%([^~%]+)~.*%$/.exec(String(t ?? ''));
    if (m) out.add(m[1]!);
  }
  return [...out];
}

/** A `%<ns>~<key>%` string translated, as the console shows extension labels; others unchanged. */
export function translateExtensionText(t: TFunction, text: unknown): string {
  const s = String(text ?? '');
  const m = /^%(.+)%$/.exec(s);
  return m ? t(m[1]!) : s;
}
