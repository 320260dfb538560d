import os from 'node:os';
import path from 'node:path';

/** bench-results/, or BENCH_RESULTS_DIR (quick tries at small sizes that should not replace it). */
export function resultsDir(): string {
  return process.env.BENCH_RESULTS_DIR ?? path.join(import.meta.dirname, '..', 'bench-results');
}

/** What a benchmark figure was measured on; every bench-results/<name>.json carries it. */
export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  totalMemoryMB: number;
  loadAverage1m: number;
  node: string;
  platform: string;
  arch: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    date: new Date().toISOString(),
  };
}
