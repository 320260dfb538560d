// The navigation bar from the plugin's `console.navigation/*` extensions of the administrator
// perspective: sections, and in them hrefs and resource links, labels translated from the
// plugin's catalogue, `dataAttributes` on the elements as the console puts them.
import type { FC } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Nav, NavExpandable, NavItem, NavList } from '@patternfly/react-core';
import type { LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import { namespacesOf, translateExtensionText } from './i18n';
import { referenceFor } from './models';
import type { ModelRef } from './plugins';

/** The console's namespace when none is chosen (the plugin's own links name theirs). */
export const ACTIVE_NAMESPACE = 'default';

interface NavProps {
  id?: string;
  perspective?: string;
  section?: string;
  name?: string;
  href?: string;
  namespaced?: boolean;
  prefixNamespaced?: boolean;
  startsWith?: string[];
  model?: ModelRef;
  dataAttributes?: Record<string, string>;
}

interface Item {
  uid: string;
  label: string;
  href: string;
  startsWith: string[];
  data: Record<string, string>;
}

function itemOf(ext: LoadedExtension): Item | undefined {
  const p = ext.properties as NavProps;
  let href: string;
  if (ext.type === 'console.navigation/href') {
    const h = `/${(p.href ?? '').replace(/^\//, '')}`;
    href = p.namespaced ? `/k8s/ns/${ACTIVE_NAMESPACE}${h}` : h;
  } else if (ext.type === 'console.navigation/resource-ns') {
    href = `/k8s/ns/${ACTIVE_NAMESPACE}/${referenceFor(p.model!)}`;
  } else if (ext.type === 'console.navigation/resource-cluster') {
    href = `/k8s/cluster/${referenceFor(p.model!)}`;
  } else return undefined;
  return {
    uid: ext.uid,
    label: p.name ?? p.model?.kind ?? href,
    href,
    startsWith: (p.startsWith ?? []).map((s) => `/${s.replace(/^\//, '')}`),
    data: p.dataAttributes ?? {},
  };
}

const isAdmin = (ext: LoadedExtension) => {
  const perspective = (ext.properties as NavProps).perspective;
  return !perspective || perspective === 'admin';
};

export const HostNav: FC<{ extensions: LoadedExtension[] }> = ({ extensions }) => {
  const navExts = extensions.filter((e) => e.type.startsWith('console.navigation/') && isAdmin(e));
  const { t } = useTranslation(namespacesOf(navExts.map((e) => (e.properties as NavProps).name)));
  const { pathname } = useLocation();
  const sections = navExts.filter((e) => e.type === 'console.navigation/section');
  const inSection = (id: string | undefined) =>
    navExts
      .filter((e) => (e.properties as NavProps).section === id)
      .map(itemOf)
      .filter((i): i is Item => !!i);
  const sectionIds = new Set(sections.map((s) => (s.properties as NavProps).id));
  const loose = navExts
    .filter((e) => !sectionIds.has((e.properties as NavProps).section))
    .map(itemOf)
    .filter((i): i is Item => !!i);
  const renderItem = (i: Item) => (
    <NavItem
      key={i.uid}
      isActive={
        pathname === i.href ||
        pathname.startsWith(`${i.href}/`) ||
        i.startsWith.some((s) => pathname.startsWith(s))
      }
    >
      <Link to={i.href} {...i.data}>
        {translateExtensionText(t, i.label)}
      </Link>
    </NavItem>
  );
  return (
    <Nav aria-label="Console navigation" data-test="host-nav">
      <NavList>
        {sections.map((s) => {
          const p = s.properties as NavProps;
          return (
            <NavExpandable
              key={s.uid}
              title={translateExtensionText(t, p.name)}
              isExpanded
              {...p.dataAttributes}
            >
              {inSection(p.id).map(renderItem)}
            </NavExpandable>
          );
        })}
        {loose.map(renderItem)}
      </NavList>
    </Nav>
  );
};
