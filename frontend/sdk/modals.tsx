// The console's resource modals for our hosts (useLabelsModal, useDeleteModal): one modal at a
// time, drawn by <ModalHost/>, which each host renders once inside its router.
import { useCallback, useSyncExternalStore, type FC, type ReactElement } from 'react';
import { useNavigate } from 'react-router';
import type {
  useDeleteModal as SDKUseDeleteModal,
  useLabelsModal as SDKUseLabelsModal,
} from '@openshift-console/dynamic-plugin-sdk';
import { DeleteModal } from '../components/DeleteModal';
import { LabelsModal } from '../components/LabelsModal';
import { modelOfResource } from '../models';

let current: ReactElement | null = null;
const listeners = new Set<() => void>();
function show(modal: ReactElement | null): void {
  current = modal;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export const ModalHost: FC = () => useSyncExternalStore(subscribe, () => current);

export const useLabelsModal: typeof SDKUseLabelsModal = (resource) =>
  useCallback(() => {
    const model = modelOfResource(resource);
    if (model) show(<LabelsModal model={model} obj={resource} onClose={() => show(null)} />);
  }, [resource]);

export const useDeleteModal: typeof SDKUseDeleteModal = (resource, redirectTo) => {
  const navigate = useNavigate();
  return useCallback(() => {
    const model = modelOfResource(resource);
    if (!model) return;
    show(
      <DeleteModal
        model={model}
        obj={resource}
        onClose={(deleted) => {
          show(null);
          if (deleted && redirectTo !== undefined) void navigate(redirectTo);
        }}
      />,
    );
  }, [resource, redirectTo, navigate]);
};
