// Loading, error and empty states shared by the pages.
import type { FC, ReactNode } from 'react';
import { Alert, Bullseye, EmptyState, EmptyStateBody, Spinner } from '@patternfly/react-core';
import { useMetalLBTranslation } from '../i18n';

export const StatusBox: FC<{
  loaded: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: string;
  children: ReactNode;
}> = ({ loaded, error, empty, emptyText, children }) => {
  const { t } = useMetalLBTranslation();
  if (error) {
    return (
      <Alert
        variant="danger"
        isInline
        title={t('Could not load: {{message}}', { message: (error as Error).message ?? String(error) })}
      />
    );
  }
  if (!loaded) {
    return (
      <Bullseye>
        <Spinner aria-label={t('Loading')} />
      </Bullseye>
    );
  }
  if (empty) {
    return (
      <EmptyState titleText={t('Nothing here yet')} headingLevel="h3" data-test="empty-state">
        <EmptyStateBody>{emptyText ?? t('No objects found.')}</EmptyStateBody>
      </EmptyState>
    );
  }
  return <>{children}</>;
};
