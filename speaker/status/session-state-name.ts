// The name of a BGPSessionState: `<node>-<peer>`, made a valid DNS-1123 subdomain (lower case,
// [a-z0-9.-], alphanumeric at both ends, at most 253 characters). When sanitising changes the text
// or it is too long, a short hash of the original keeps different (node, peer) pairs apart.
import { createHash } from 'node:crypto';

const MAX = 253;

export function sessionStateName(node: string, peer: string): string {
  const raw = `${node}-${peer}`;
  let name = raw
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[^a-z0-9]+$/, '');
  if (name === raw && name.length <= MAX) return name;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  name = name.slice(0, MAX - hash.length - 1).replace(/[^a-z0-9]+$/, '');
  return name ? `${name}-${hash}` : hash;
}
