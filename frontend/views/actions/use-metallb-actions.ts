// The actions of every metallb.io object, contributed through the console's
// `console.action/resource-provider` extension point: the console (and our hosts) collect them for
// the object's `group~version~kind` and draw them in the object's actions menu. Labels and delete
// use the console's own modals.
import { useMemo } from 'react';
import {
  useDeleteModal,
  useLabelsModal,
  type Action,
  type K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { useMetalLBTranslation } from '../../i18n';
import { editFormPath, listPath, modelOfResource } from '../../models';

export function useMetalLBActions(resource: K8sResourceCommon): [Action[], boolean, unknown] {
  const { t } = useMetalLBTranslation();
  const model = modelOfResource(resource);
  const name = resource.metadata?.name ?? '';
  const ns = resource.metadata?.namespace;
  const launchLabels = useLabelsModal(resource);
  const launchDelete = useDeleteModal(resource, model ? listPath(model, ns) : undefined);
  const actions = useMemo<Action[]>(() => {
    if (!model) return [];
    const verb = (v: 'patch' | 'update' | 'delete') => ({
      group: model.apiGroup,
      resource: model.plural,
      namespace: ns,
      name,
      verb: v,
    });
    return [
      {
        id: 'edit',
        label: t('Edit {{kind}}', { kind: model.kind }),
        cta: { href: editFormPath(model, name, ns) },
        accessReview: verb('update'),
      },
      { id: 'labels', label: t('Edit labels'), cta: launchLabels, accessReview: verb('patch') },
      {
        id: 'delete',
        label: t('Delete {{kind}}', { kind: model.kind }),
        cta: launchDelete,
        accessReview: verb('delete'),
      },
    ];
  }, [model, name, ns, t, launchLabels, launchDelete]);
  return [actions, true, undefined];
}
