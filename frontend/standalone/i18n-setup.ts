// i18next for the standalone host, configured as the console configures it (namespace separator
// `~`, no key separator) and loading the plugin's catalogues from the same URL the console uses.
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { I18N_NAMESPACE } from '../i18n';

const LOCALES = '/api/plugins/metallb-console-plugin/locales';
const LANGUAGE_KEY = 'metallb-ui-language';
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'ja', label: '日本語' },
];

const fetchBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read: (lng, ns, callback) => {
    fetch(`${LOCALES}/${lng}/${ns}.json`)
      .then((r) => (r.ok ? r.json() : {}))
      .then(
        (data) => callback(null, data),
        (err: Error) => callback(err, false),
      );
  },
};

export function storedLanguage(): string {
  return localStorage.getItem(LANGUAGE_KEY) ?? 'en';
}

export async function setLanguage(code: string): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, code);
  document.documentElement.lang = code;
  await i18n.changeLanguage(code);
}

export async function initI18n(): Promise<void> {
  document.documentElement.lang = storedLanguage();
  await i18n
    .use(fetchBackend)
    .use(initReactI18next)
    .init({
      lng: storedLanguage(),
      fallbackLng: 'en',
      ns: [I18N_NAMESPACE],
      defaultNS: I18N_NAMESPACE,
      nsSeparator: '~',
      keySeparator: false,
      interpolation: { escapeValue: false },
      react: { useSuspense: true },
      showSupportNotice: false,
    });
}
