// The kebab of an object: edit (form), edit labels, delete.
import { useState, type FC } from 'react';
import { useNavigate } from 'react-router';
import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import type { K8sModel, K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useMetalLBTranslation } from '../i18n';
import { editFormPath, listPath } from '../models';
import { DeleteModal } from './DeleteModal';
import { LabelsModal } from './LabelsModal';

export const ActionsMenu: FC<{
  model: K8sModel;
  obj: K8sResourceCommon;
  variant?: 'kebab' | 'button';
  afterDelete?: 'list';
}> = ({ model, obj, variant = 'kebab', afterDelete }) => {
  const { t } = useMetalLBTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [modal, setModal] = useState<'delete' | 'labels'>();
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace;
  return (
    <>
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
            aria-label={t('Actions')}
            data-test={`actions-${name}`}
            icon={variant === 'kebab' ? <EllipsisVIcon /> : undefined}
          >
            {variant === 'button' ? t('Actions') : undefined}
          </MenuToggle>
        )}
      >
        <DropdownList>
          <DropdownItem onClick={() => navigate(editFormPath(model, name, ns))} data-test="action-edit">
            {t('Edit {{kind}}', { kind: model.kind })}
          </DropdownItem>
          <DropdownItem onClick={() => setModal('labels')} data-test="action-labels">
            {t('Edit labels')}
          </DropdownItem>
          <DropdownItem onClick={() => setModal('delete')} data-test="action-delete">
            {t('Delete {{kind}}', { kind: model.kind })}
          </DropdownItem>
        </DropdownList>
      </Dropdown>
      {modal === 'delete' && (
        <DeleteModal
          model={model}
          obj={obj}
          onClose={(deleted) => {
            setModal(undefined);
            if (deleted && afterDelete === 'list') navigate(listPath(model, ns));
          }}
        />
      )}
      {modal === 'labels' && <LabelsModal model={model} obj={obj} onClose={() => setModal(undefined)} />}
    </>
  );
};
