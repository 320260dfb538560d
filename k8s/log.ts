import pino, { type Logger } from 'pino';

/** JSON lines on stdout, as upstream MetalLB's components log (one object per event). */
export function createLogger(component: string, level = 'info'): Logger {
  return pino({
    level,
    base: { component },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
export type { Logger };
