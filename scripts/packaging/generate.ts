// `npm run packaging`: writes the chart's generated files and the OLM bundle.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleFiles } from './bundle';
import { chartFiles } from './chart-files';
import { referenceFile } from './config-reference';
import { toolPath } from './tools';

const ROOT = join(import.meta.dirname, '..', '..');

export function writeFiles(files: Map<string, string>): void {
  for (const [rel, content] of files) {
    mkdirSync(dirname(join(ROOT, rel)), { recursive: true });
    writeFileSync(join(ROOT, rel), content);
  }
}

writeFiles(chartFiles());
writeFiles(referenceFile());
// The bundle comes from the chart's rendering: the chart files first.
writeFiles(bundleFiles(toolPath('helm')));
console.log('wrote the chart files, docs/reference.md and the OLM bundle');
