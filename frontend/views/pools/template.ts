// The YAML a new IPAddressPool starts from (console.yaml-template and the form's YAML view).
export const poolTemplate = `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata:
  name: example
  namespace: metallb-system
spec:
  addresses:
    - 192.168.10.0/24
  autoAssign: true
`;
