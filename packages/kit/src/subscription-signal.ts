import { ErrorCode } from './errors.js';

/**
 * What a subscriber is told when events may have been missed (ADR 0010): a graphql-ws `next` that
 * carries only `extensions.subscription`, no data and no errors, so Apollo-style clients pass it
 * through without ending the subscription. After RESYNC a client reloads what it shows once.
 * The one definition for the router (its upstream dropped) and the subgraphs (their LISTEN dropped).
 */
export interface SubscriptionSignal {
  readonly status: 'INTERRUPTED' | 'RESYNC';
  readonly code?: string;
  /** Why a RESYNC was sent, when it is not the router's own reconnect. */
  readonly reason?: string;
  readonly message: string;
}

/** The router's connection to the subgraph dropped: events are being missed. */
export const SUBSCRIPTION_INTERRUPTED = {
  status: 'INTERRUPTED',
  code: ErrorCode.UPSTREAM_UNAVAILABLE,
  message: '订阅的数据来源暂时中断，正在重新连接；期间的变化可能丢失',
} as const satisfies SubscriptionSignal;

/** The router subscribed again after an interruption, or a slow subscriber's buffer dropped events. */
export const SUBSCRIPTION_RESYNC = {
  status: 'RESYNC',
  message: '订阅已恢复，中断期间的变化可能丢失，请重新加载数据',
} as const satisfies SubscriptionSignal;

/** A subgraph's LISTEN connection to PostgreSQL dropped and is back: NOTIFYs of the gap are lost. */
export const SUBSCRIPTION_EVENTS_MAY_BE_MISSED = {
  status: 'RESYNC',
  reason: 'EVENTS_MAY_BE_MISSED',
  message: '实时事件的数据库连接曾中断，期间的变化可能丢失，请重新加载数据',
} as const satisfies SubscriptionSignal;

/** The signal as a subscription result. */
export function signalResult(signal: SubscriptionSignal): { extensions: { subscription: SubscriptionSignal } } {
  return { extensions: { subscription: { ...signal } } };
}

/** The signal a result carries, or null for an ordinary event (one with data or errors). */
export function subscriptionSignalOf(result: {
  data?: unknown;
  errors?: readonly unknown[];
  extensions?: unknown;
}): SubscriptionSignal | null {
  if (result.data != null || result.errors?.length) return null;
  const signal = (result.extensions as { subscription?: Partial<SubscriptionSignal> } | null | undefined)?.subscription;
  if (signal?.status !== 'INTERRUPTED' && signal?.status !== 'RESYNC') return null;
  return typeof signal.message === 'string' ? (signal as SubscriptionSignal) : null;
}
