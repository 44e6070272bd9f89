import { pino, stdSerializers, stdTimeFunctions, type Logger as PinoLogger } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The service's logger: a message first, then its fields (`err` for an error, stack kept). */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  /** Whether a level is logged (to skip building fields nobody reads). */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

/** Fields that may carry a credential, wherever they appear: written as "[redacted]". */
export const REDACTED_PATHS = [
  'authorization',
  'token',
  'tokens',
  'password',
  'cookie',
  '*.authorization',
  '*.token',
  '*.tokens',
  '*.password',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'RECON_API_TOKENS',
  'RECON_READ_TOKEN',
];

function wrap(p: PinoLogger): Logger {
  return {
    debug: (m, f) => p.debug(f ?? {}, m),
    info: (m, f) => p.info(f ?? {}, m),
    warn: (m, f) => p.warn(f ?? {}, m),
    error: (m, f) => p.error(f ?? {}, m),
    child: (fields) => wrap(p.child(fields)),
    enabled: (level) => p.isLevelEnabled(level),
  };
}

/**
 * pino, writing one JSON line per event to stderr (synchronously, so nothing is lost on exit):
 * `{"level":"info","time":"…","pid":…,"msg":"…",…}`, errors with their stacks, credentials redacted.
 */
export function createLogger(level: LogLevel = 'info', base: Record<string, unknown> = {}, destination: NodeJS.WritableStream | number = 2): Logger {
  const p = pino(
    {
      level,
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: stdSerializers.err, error: stdSerializers.err },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
  return wrap(Object.keys(base).length > 0 ? p.child(base) : p);
}
