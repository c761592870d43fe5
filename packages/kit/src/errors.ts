import { GraphQLError } from 'graphql';

/**
 * Stable error codes every client can switch on. The message is Chinese, for the person
 * in front of the screen; the code is for programs.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** A delete refused because other records still refer to the record (details.blocked says which). */
  IN_USE: 'IN_USE',
  /** An export larger than one file may hold (details.count, details.limit). */
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** A system outside the bureau answered, but with data of the wrong shape (nothing was stored from it). */
  UPSTREAM_INVALID: 'UPSTREAM_INVALID',
  /** The subgraph's database connection went away mid-request; the next request gets a new one. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** The router could not record the mutation's audit row: the mutation was refused before it ran (ADR 0004). */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** 消防验收: the parties have signed the results; nobody may change them (1.3.7). */
  RESULTS_SEALED: 'RESULTS_SEALED',
  /** 消防验收: a photo that was not taken with the page's camera in that on-site visit (1.3.5). */
  PHOTO_NOT_ON_SITE: 'PHOTO_NOT_ON_SITE',
  /** 数据交换: 重试 on a connector with no failed pull and no dead letters. */
  NOTHING_TO_RETRY: 'NOTHING_TO_RETRY',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorOptions {
  /** The input field the error is about, so a form can show it next to that field. */
  field?: string;
  details?: Record<string, unknown>;
  /** HTTP status for errors raised before execution (e.g. 401 for a missing router signature). */
  httpStatus?: number;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, {
      extensions: {
        code,
        ...(options.field ? { field: options.field } : {}),
        ...(options.details ? { details: options.details } : {}),
        ...(options.httpStatus ? { http: { status: options.httpStatus } } : {}),
      },
    });
  }
}

/** The JSON body of a GraphQL error response produced outside Apollo Server (413, 429, 401, file routes…). */
export function graphqlErrorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { errors: [{ message, extensions: { code, ...(details ? { details } : {}) } }] };
}

/** A byte count for a Chinese message: "2 MiB", "512 KiB", "300 字节". */
export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} 字节`;
}

export const badInput = (message: string, field?: string) => new AppError(ErrorCode.BAD_USER_INPUT, message, { field });
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what}不存在或无权查看`);
export const forbidden = (message = '没有权限执行此操作') => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = '未登录或登录已过期，请重新登录') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const conflict = (message: string, field?: string) => new AppError(ErrorCode.CONFLICT, message, { field });
