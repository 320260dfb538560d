// The YAML a new BFDProfile starts from.
export const bfdTemplate = `apiVersion: metallb.io/v1beta1
kind: BFDProfile
metadata:
  name: example
  namespace: metallb-system
spec:
  receiveInterval: 300
  transmitInterval: 300
  detectMultiplier: 3
`;
