// The plugin's i18n namespace: every string of the pages goes through this translation hook.
import { useTranslation } from 'react-i18next';

export const I18N_NAMESPACE = 'plugin__metallb-console-plugin';

export function useMetalLBTranslation() {
  return useTranslation(I18N_NAMESPACE);
}
