// The YAML a new MetalLB instance starts from (one per cluster, named metallb).
export const metallbTemplate = `apiVersion: metallb.io/v1beta1
kind: MetalLB
metadata:
  name: metallb
  namespace: metallb-system
spec:
  logLevel: info
`;
