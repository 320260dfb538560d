// The YAML a new L2Advertisement starts from.
export const l2Template = `apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata:
  name: example
  namespace: metallb-system
spec:
  ipAddressPools:
    - example
`;
