// The YAML a new Community starts from.
export const communityTemplate = `apiVersion: metallb.io/v1beta1
kind: Community
metadata:
  name: example
  namespace: metallb-system
spec:
  communities:
    - name: NO_ADVERTISE
      value: 65535:65282
`;
