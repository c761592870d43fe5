import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    // Personal data never reaches the logs, whatever a caller logs by mistake.
    redact: {
      paths: [
        '*.password',
        '*.newPassword',
        '*.idCardNo',
        '*.phone',
        '*.refreshToken',
        '*.token',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
