// The standalone host has one perspective, the administrator's.
import type { useActivePerspective as SDKUseActivePerspective } from '@openshift-console/dynamic-plugin-sdk';

export const useActivePerspective: typeof SDKUseActivePerspective = () => ['admin', () => undefined];
