// Asks before deleting an object, and shows the server's answer if it refuses.
import { useState, type FC } from 'react';
import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { k8sDelete, type K8sModel, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useMetalLBTranslation } from '../i18n';

export const DeleteModal: FC<{
  model: K8sModel;
  obj: K8sResourceCommon;
  onClose: (deleted: boolean) => void;
}> = ({ model, obj, onClose }) => {
  const { t } = useMetalLBTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const name = obj.metadata?.name ?? '';
  const remove = async () => {
    setBusy(true);
    try {
      await k8sDelete({ model, resource: obj });
      onClose(true);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <Modal
      isOpen
      variant="small"
      onClose={() => onClose(false)}
      aria-labelledby="metallb-delete-title"
      data-test="delete-modal"
    >
      <ModalHeader
        title={t('Delete {{kind}}?', { kind: model.kind })}
        titleIconVariant="warning"
        labelId="metallb-delete-title"
      />
      <ModalBody>
        {t('Are you sure you want to delete {{name}}?', { name })}
        {error && <Alert variant="danger" isInline title={error} className="metallb-plugin__modal-alert" />}
      </ModalBody>
      <ModalFooter>
        <Button
          variant="danger"
          onClick={() => void remove()}
          isLoading={busy}
          isDisabled={busy}
          data-test="confirm-delete"
        >
          {t('Delete')}
        </Button>
        <Button variant="link" onClick={() => onClose(false)}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
