// Runs one benchmark: `npm run bench -- NAME` loads bench/NAME.ts, whose `run()` returns metrics,
// and writes bench-results/NAME.json as {"name", "metrics": {"<metric>": {"value", "unit"}}, "machine"}.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineInfo, resultsDir } from './machine';

export interface Metric {
  value: number;
  unit: string;
}
export type Metrics = Record<string, Metric>;
export interface Benchmark {
  run(): Promise<Metrics>;
}

const benchDir = path.dirname(fileURLToPath(import.meta.url));

async function available(): Promise<string[]> {
  const files = await readdir(benchDir);
  const skip = new Set([
    'run.ts',
    'machine.ts',
    'bgp-setup.ts',
    'vs-upstream-setup.ts',
    'process-setup.ts',
    'scale-setup.ts',
  ]);
  return files
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !skip.has(f))
    .map((f) => f.slice(0, -3));
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const names = await available();
  if (!name || !names.includes(name)) {
    console.error(`usage: npm run bench -- NAME   (one of: ${names.join(', ')})`);
    process.exit(2);
  }
  const mod = (await import(pathToFileURL(path.join(benchDir, `${name}.ts`)).href)) as Benchmark;
  const metrics = await mod.run();
  const result = { name, metrics, machine: machineInfo() };
  const outDir = resultsDir();
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.json`);
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

await main();
