// i18next for the standalone host, configured as the console configures it (namespace separator
// `~`, no key separator) and loading the plugin's catalogues from the same URL the console uses.
// It starts in the language chosen in the menu, else the browser's (see language.ts).
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { I18N_NAMESPACE } from '../i18n';
import { chooseLanguage } from './language';

export { LANGUAGES } from './language';

const LOCALES = '/api/plugins/metallb-console-plugin/locales';
const LANGUAGE_KEY = 'metallb-ui-language';

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

/** The explicit choice from the language menu, if the user made one. */
function storedChoice(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

/** The language to start in: the stored choice, else the browser's languages, else English. */
export function initialLanguage(): string {
  return chooseLanguage(
    storedChoice(),
    navigator.languages?.length ? navigator.languages : [navigator.language],
  );
}

export async function setLanguage(code: string): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, code);
  document.documentElement.lang = code;
  await i18n.changeLanguage(code);
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  await i18n
    .use(fetchBackend)
    .use(initReactI18next)
    .init({
      lng,
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
