// The YAML a new BGPAdvertisement starts from.
export const bgpAdTemplate = `apiVersion: metallb.io/v1beta1
kind: BGPAdvertisement
metadata:
  name: example
  namespace: metallb-system
spec:
  ipAddressPools:
    - example
  aggregationLength: 32
`;
