// Where the packaging tools are: built into the cache by tools.sh on first use.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

let bin: string | undefined;

export function toolPath(name: 'helm' | 'operator-sdk'): string {
  bin ??= execFileSync('bash', [join(import.meta.dirname, 'tools.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .at(-1)!;
  return join(bin, name);
}
