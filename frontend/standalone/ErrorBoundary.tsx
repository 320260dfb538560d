// Shows a page's render error in place (as the console does) instead of blanking the app.
import { Component, type ReactNode } from 'react';
import { Alert, PageSection } from '@patternfly/react-core';

export class ErrorBoundary extends Component<{ children: ReactNode; title: string }, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <PageSection>
          <Alert variant="danger" title={this.props.title} data-test="page-error">
            {this.state.error.message}
          </Alert>
        </PageSection>
      );
    }
    return this.props.children;
  }
}
