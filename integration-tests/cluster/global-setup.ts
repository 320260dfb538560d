// Vitest globalSetup for integration tests: one real control plane (etcd + kube-apiserver +
// kube-controller-manager + kube-scheduler + kwok with fake nodes) for the whole run.
import type { TestProject } from 'vitest/node';
import { startControlPlane, type ControlPlane } from './control-plane';

export const TEST_NODES = 6;

let cp: ControlPlane | undefined;

export async function setup(project: TestProject): Promise<void> {
  cp = await startControlPlane({ nodes: TEST_NODES });
  project.provide('kubeconfig', cp.kubeconfig);
  project.provide('kubectl', cp.binaries.kubectl);
  project.provide('controlPlaneDir', cp.dir);
  project.provide('etcd', cp.etcd);
  process.env.KUBECONFIG = cp.kubeconfig;
}

export async function teardown(): Promise<void> {
  await cp?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    kubectl: string;
    controlPlaneDir: string;
    etcd: string;
  }
}
