// The flags and environment variables every program of the product shares (backend, speaker),
// parsed by pure functions: a flag wins over its variable, which wins over the default. The
// variable names are the operator/operand contract (api/operand.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ENV } from '../api/operand';
import { DEFAULT_NAMESPACE } from '../api/types';

export type Env = Readonly<Record<string, string | undefined>>;

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CommonSettings {
  /** The MetalLB namespace: configuration, status objects, the operand. */
  namespace: string;
  httpHost: string;
  httpPort: number;
  logLevel: LogLevel;
  /** `--lb-class`: only Services of exactly this class; unset: only Services without a class. */
  lbClass: string | undefined;
  help: boolean;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags of CommonSettings, for each program's parseArgs. */
export const COMMON_FLAGS = {
  namespace: { type: 'string' },
  'http-host': { type: 'string' },
  'http-port': { type: 'string' },
  'log-level': { type: 'string' },
  'lb-class': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export type FlagValues = Record<string, string | boolean | undefined>;

/** Parses argv with the common flags and a program's own; an unknown flag is a SettingsError. */
export function parseFlags(argv: readonly string[], own: Options): FlagValues {
  try {
    return parseArgs({ args: [...argv], options: { ...COMMON_FLAGS, ...own }, strict: true }).values;
  } catch (err) {
    throw new SettingsError((err as Error).message);
  }
}

/** The flag's value, else the variable's, else undefined (empty strings count as unset). */
export function pick(values: FlagValues, flag: string, env: Env, variable?: string): string | undefined {
  const v = values[flag];
  if (typeof v === 'string' && v !== '') return v;
  const e = variable ? env[variable] : undefined;
  return e !== undefined && e !== '' ? e : undefined;
}

export function port(raw: string, what: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new SettingsError(`${what} must be a port number (0-65535), got "${raw}"`);
  return n;
}

export function commonSettings(
  values: FlagValues,
  env: Env,
  defaults: { httpHost: string; httpPort: number },
): CommonSettings {
  const level = pick(values, 'log-level', env, ENV.logLevel) ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new SettingsError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  const rawPort = pick(values, 'http-port', env, ENV.httpPort);
  return {
    namespace: pick(values, 'namespace', env, ENV.namespace) ?? DEFAULT_NAMESPACE,
    httpHost: pick(values, 'http-host', env, ENV.httpHost) ?? defaults.httpHost,
    httpPort: rawPort === undefined ? defaults.httpPort : port(rawPort, '--http-port'),
    logLevel: level as LogLevel,
    lbClass: pick(values, 'lb-class', env, ENV.lbClass),
    help: values.help === true,
  };
}

/** Usage lines of the common flags, for each program's --help. */
export const COMMON_USAGE = [
  `  --namespace NS        the MetalLB namespace (${ENV.namespace}; default ${DEFAULT_NAMESPACE})`,
  `  --http-host HOST      address of the HTTP listener (${ENV.httpHost})`,
  `  --http-port PORT      port of the HTTP listener (${ENV.httpPort})`,
  `  --log-level LEVEL     ${LOG_LEVELS.join('|')} (${ENV.logLevel}; default info)`,
  `  --lb-class CLASS      only Services of this loadBalancerClass (${ENV.lbClass})`,
  '  -h, --help            this text',
];
