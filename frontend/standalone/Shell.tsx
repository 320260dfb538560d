// The standalone host's frame: masthead (language, user, logout) and the navigation built from
// console-extensions.json.
import { useState, type FC, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import {
  Button,
  Dropdown,
  DropdownItem,
  DropdownList,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  MenuToggle,
  Nav,
  NavExpandable,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import extensions from '../../console-extensions.json';
import { useMetalLBTranslation } from '../i18n';
import { setToken } from '../sdk/auth';
import { navigation, type ExtensionDecl } from './extensions';
import { LANGUAGES, setLanguage } from './i18n-setup';
import type { Session } from './session';

const NAV = navigation(extensions as ExtensionDecl[]);

function isActive(pathname: string, href: string, startsWith: string[]): boolean {
  return (
    pathname === href || pathname.startsWith(`${href}/`) || startsWith.some((p) => pathname.startsWith(p))
  );
}

const LanguageMenu: FC = () => {
  const { t, i18n } = useMetalLBTranslation();
  const [open, setOpen] = useState(false);
  const current = LANGUAGES.find((l) => l.code === i18n.language) ?? LANGUAGES[0]!;
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen(!open)}
          isExpanded={open}
          aria-label={t('Language')}
          data-test="language"
        >
          {current.label}
        </MenuToggle>
      )}
    >
      <DropdownList>
        {LANGUAGES.map((l) => (
          <DropdownItem
            key={l.code}
            data-test={`language-${l.code}`}
            onClick={() => {
              setOpen(false);
              void setLanguage(l.code);
            }}
          >
            {l.label}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
};

export const Shell: FC<{ session: Session; onLogout: () => void; children: ReactNode }> = ({
  session,
  onLogout,
  children,
}) => {
  const { t } = useMetalLBTranslation();
  const { pathname } = useLocation();
  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <Link to="/" className="metallb-host__brand">
            MetalLB
          </Link>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight>
          <ToolbarContent>
            <ToolbarItem align={{ default: 'alignEnd' }}>
              <LanguageMenu />
            </ToolbarItem>
            <ToolbarItem className="metallb-host__user" data-test="user">
              {session.devCredentials ? t('Development credentials') : (session.user ?? '')}
            </ToolbarItem>
            {!session.devCredentials && (
              <ToolbarItem>
                <Button
                  variant="link"
                  onClick={() => {
                    setToken(undefined);
                    onLogout();
                  }}
                  data-test="logout"
                >
                  {t('Log out')}
                </Button>
              </ToolbarItem>
            )}
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t('Navigation')}>
          <NavList>
            {NAV.map((section) => (
              <NavExpandable
                key={section.id}
                title={t(section.label)}
                isExpanded
                data-test={`nav-section-${section.id}`}
              >
                {section.items.map((item) => (
                  <NavItem
                    key={item.id}
                    isActive={isActive(pathname, item.href, item.startsWith)}
                    data-test={`nav-${item.id}`}
                  >
                    <Link to={item.href}>{t(item.label)}</Link>
                  </NavItem>
                ))}
              </NavExpandable>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar>
      {children}
    </Page>
  );
};
