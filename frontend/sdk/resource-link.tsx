// ResourceLink: a kind badge and the object's name, linking to its page.
import type { FC } from 'react';
import { Link } from 'react-router';
import type { ResourceLinkProps } from '@openshift-console/dynamic-plugin-sdk';
import { resourcePath } from './resource-path';

function abbr(kind: string): string {
  const caps = kind.replace(/[^A-Z]/g, '');
  return (caps || kind.slice(0, 1)).slice(0, 4).toUpperCase();
}

export const ResourceLink: FC<ResourceLinkProps> = ({
  groupVersionKind,
  name,
  namespace,
  displayName,
  hideIcon,
  linkTo = true,
  inline,
  dataTest,
  className,
  children,
  nameSuffix,
}) => {
  const kind = groupVersionKind?.kind ?? '';
  const label = displayName ?? name ?? '';
  return (
    <span
      className={`metallb-sdk__resource-link${inline ? ' metallb-sdk__resource-link--inline' : ''} ${className ?? ''}`}
      data-test={dataTest}
    >
      {!hideIcon && kind && (
        <span className="metallb-sdk__resource-badge" title={kind}>
          {abbr(kind)}
        </span>
      )}
      {linkTo && groupVersionKind && name ? (
        <Link to={resourcePath(groupVersionKind, name, namespace)} data-test-id={name}>
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      )}
      {nameSuffix}
      {children}
    </span>
  );
};
