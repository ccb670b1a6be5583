// The one structured logger of menuroom, shared by the web tier and the socket replicas: JSON lines
// on stdout (pino), the same fields everywhere (service, replica, room, event), errors with stacks.
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LogContext {
  service: 'web' | 'socket' | 'stack' | 'test';
  replica?: string;
}

export function createLogger(context: LogContext, options: { level?: string } = {}): Logger {
  return pino({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: context,
    timestamp: pino.stdTimeFunctions.isoTime,
    // `err` carries the error's type, message and stack (pino's standard serializer).
    serializers: { err: pino.stdSerializers.err },
  });
}

/** A logger that writes nothing (tests that start many replicas in one process). */
export const silentLogger: Logger = pino({ level: 'silent' });
