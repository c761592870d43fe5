import { AppError, ErrorCode } from '@hs/kit';

/**
 * RESULTS_SEALED: the results of an inspection are signed by the parties and can no longer change;
 * the database refuses the change too (trigger), and its refusal is mapped to the same code.
 */
export const FireErrorCode = { RESULTS_SEALED: ErrorCode.RESULTS_SEALED } as const;

export const RESULTS_SEALED_MESSAGE = '抽查结果已由各方签名确认，任何人不可再更改';

export const resultsSealed = (message = RESULTS_SEALED_MESSAGE) => new AppError(ErrorCode.RESULTS_SEALED, message);

/** The marker our triggers put at the start of their messages (see the migration). */
const SEALED_MARKER = '[RESULTS_SEALED]';

/** True when a database error is one of our triggers refusing a change to sealed results. */
export function isSealedDbError(error: unknown): boolean {
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' && message.includes(SEALED_MARKER);
}

/** Runs `fn`; a trigger's refusal becomes RESULTS_SEALED with the Chinese message. */
export async function mapSealedErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isSealedDbError(error)) throw resultsSealed();
    throw error;
  }
}
