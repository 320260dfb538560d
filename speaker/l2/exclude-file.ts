// The `metallb-excludel2` patterns as mounted into the speaker Pod (a ConfigMap file that the
// kubelet updates in place): read again when the file changes; upstream's defaults when absent.
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_EXCLUDED_L2_INTERFACES } from '../../api/operand';
import type { Logger } from '../../k8s/log';
import { compilePatterns, parseExcludeL2 } from './interfaces';

export function excludedInterfacesFrom(path: string, log?: Logger): () => readonly RegExp[] {
  const defaults = compilePatterns(DEFAULT_EXCLUDED_L2_INTERFACES).patterns;
  let seen = '';
  let patterns = defaults;
  return () => {
    let stamp: string;
    try {
      const st = statSync(path);
      stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      stamp = 'absent';
    }
    if (stamp === seen) return patterns;
    seen = stamp;
    if (stamp === 'absent') {
      patterns = defaults;
      return patterns;
    }
    const parsed = parseExcludeL2(readFileSync(path, 'utf8'));
    for (const e of parsed.errors) log?.warn({ file: path, err: e }, 'excludel2: entry ignored');
    patterns = parsed.patterns;
    log?.info(
      { file: path, patterns: patterns.map((p) => p.source) },
      'excludel2: interfaces excluded from layer2',
    );
    return patterns;
  };
}
