// Kubernetes label key and value syntax (apimachinery's IsQualifiedName / IsValidLabelValue), so a
// selector that the apiserver would refuse to evaluate is reported at the field that holds it.

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** undefined when valid, else why not. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix === '' || prefix.length > 253 || !DNS1123_SUBDOMAIN_RE.test(prefix)) {
      return `invalid label key ${JSON.stringify(key)}: the prefix must be a DNS subdomain`;
    }
  }
  if (name === '' || name.length > 63 || !NAME_RE.test(name)) {
    return `invalid label key ${JSON.stringify(key)}: the name must be 1-63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME_RE.test(value)) {
    return `invalid label value ${JSON.stringify(value)}: at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** DNS-1123 label, the syntax of namespace names. */
export function isDNS1123Label(s: string): boolean {
  return s.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s);
}

/** DNS-1123 subdomain (apimachinery's IsDNS1123Subdomain), the syntax of metallb.io object names. */
export function isDNS1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN_RE.test(s);
}
