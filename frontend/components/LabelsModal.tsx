// Edits an object's labels as `key=value` text and patches them.
import { useState, type FC } from 'react';
import {
  Alert,
  Button,
  Form,
  FormGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextArea,
} from '@patternfly/react-core';
import { k8sPatch, type K8sModel, type K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { useMetalLBTranslation } from '../i18n';
import { formatLabels, parseLabels } from '../forms/values';

export const LabelsModal: FC<{ model: K8sModel; obj: K8sResourceCommon; onClose: () => void }> = ({
  model,
  obj,
  onClose,
}) => {
  const { t } = useMetalLBTranslation();
  const [text, setText] = useState(formatLabels(obj.metadata?.labels));
  const [error, setError] = useState<string>();
  const save = async () => {
    try {
      await k8sPatch({
        model,
        resource: obj,
        data: [
          {
            op: obj.metadata?.labels ? 'replace' : 'add',
            path: '/metadata/labels',
            value: parseLabels(text),
          },
        ],
      });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal
      isOpen
      variant="small"
      onClose={onClose}
      aria-labelledby="metallb-labels-title"
      data-test="labels-modal"
    >
      <ModalHeader title={t('Edit labels')} labelId="metallb-labels-title" />
      <ModalBody>
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t('Labels (key=value, comma separated)')} fieldId="metallb-labels">
            <TextArea
              id="metallb-labels"
              value={text}
              onChange={(_e, v) => setText(v)}
              data-test="labels-input"
            />
          </FormGroup>
        </Form>
        {error && <Alert variant="danger" isInline title={error} className="metallb-plugin__modal-alert" />}
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={() => void save()} data-test="save-labels">
          {t('Save')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
