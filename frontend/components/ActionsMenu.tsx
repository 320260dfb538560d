// The actions menu of an object: whatever the `console.action/resource-provider` extensions give for
// its kind (ours: edit, edit labels, delete; other plugins may add theirs), collected by the host's
// ActionServiceProvider, as the console's own resource pages do.
import { useState, type FC } from 'react';
import { useNavigate } from 'react-router';
import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import {
  ActionServiceProvider,
  type Action,
  type K8sModel,
  type K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMetalLBTranslation } from '../i18n';
import { referenceOf } from '../models';

const Menu: FC<{ actions: Action[]; name: string; variant: 'kebab' | 'button' }> = ({
  actions,
  name,
  variant,
}) => {
  const { t } = useMetalLBTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const run = (a: Action) => {
    setOpen(false);
    if (typeof a.cta === 'function') a.cta();
    else if (a.cta.external) window.open(a.cta.href, '_blank', 'noopener');
    else void navigate(a.cta.href);
  };
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant={variant === 'kebab' ? 'plain' : 'default'}
          onClick={() => setOpen(!open)}
          isExpanded={open}
          isDisabled={actions.length === 0}
          aria-label={t('Actions')}
          data-test={`actions-${name}`}
          icon={variant === 'kebab' ? <EllipsisVIcon /> : undefined}
        >
          {variant === 'button' ? t('Actions') : undefined}
        </MenuToggle>
      )}
    >
      <DropdownList>
        {actions.map((a) => (
          <DropdownItem
            key={a.id}
            onClick={() => run(a)}
            isDisabled={a.disabled}
            description={a.description}
            data-test={`action-${a.id}`}
          >
            {a.label}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
};

export const ActionsMenu: FC<{
  model: K8sModel;
  obj: K8sResourceCommon;
  variant?: 'kebab' | 'button';
}> = ({ model, obj, variant = 'kebab' }) => (
  <ActionServiceProvider context={{ [referenceOf(model)]: obj }}>
    {({ actions }) => <Menu actions={actions} name={obj.metadata?.name ?? ''} variant={variant} />}
  </ActionServiceProvider>
);
