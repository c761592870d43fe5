import type { Logger } from './logger.js';

/**
 * Ctrl-C under `npm start` reaches the process twice at once: from the terminal (the whole process
 * group) and forwarded by npm. A repeat within this window is the same request to stop.
 */
const REPEAT_WINDOW_MS = 1_000;

export interface StopOnSignalsOptions {
  /** Exit anyway when stopping takes longer than this; default 20 s. */
  watchdogMs?: number;
}

/**
 * SIGINT, SIGTERM and SIGHUP stop the process: `close` runs once, then the process exits 0. A second
 * signal forces the exit, and so does a stop that hangs past the watchdog; each with one log line.
 * Install it before starting anything, so a signal during start-up stops cleanly too.
 */
export function stopOnSignals(logger: Logger, close: () => Promise<void>, options: StopOnSignalsOptions = {}): void {
  const watchdogMs = options.watchdogMs ?? 20_000;
  let firstAt: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt !== null) {
      if (Date.now() - firstAt < REPEAT_WINDOW_MS) return;
      logger.warn(`${signal} again: exiting without waiting for the stop to finish`);
      process.exit(1);
    }
    firstAt = Date.now();
    logger.info(`${signal}: stopping`);
    setTimeout(() => {
      logger.warn(`stopping took longer than ${watchdogMs / 1000} s: exiting anyway`);
      process.exit(1);
    }, watchdogMs).unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}
