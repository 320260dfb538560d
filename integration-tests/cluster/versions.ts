import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pinned control-plane versions, from the same file build.sh sources. */
export const versions: { K8S_VERSION: string; ETCD_VERSION: string; KWOK_VERSION: string } =
  Object.fromEntries(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'versions.env'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z0-9_]+=/.test(l))
      .map((l) => l.split('=') as [string, string]),
  ) as never;
