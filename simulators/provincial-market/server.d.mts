export type ProvincialMarketMode = 'normal' | 'slow' | 'down' | 'error' | 'malformed';
export const MODES: ProvincialMarketMode[];
export const DEFAULT_APP_KEY: string;
export const DEFAULT_APP_SECRET: string;
export const MAX_CLOCK_SKEW_MS: number;
export const MAX_LIMIT: number;

export interface MarketQualification {
  /** 证书号 */
  certificateNo: string;
  /** 资质类别 */
  category: string;
  /** 等级 */
  grade: string;
  /** 有效期至, YYYY-MM-DD */
  validUntil: string;
}
export interface MarketEnterprise {
  id: string;
  /** 名称 */
  name: string;
  /** 统一社会信用代码 */
  creditCode: string;
  /** 注册地址 */
  registeredAddress: string;
  /** 法定代表人 */
  legalRepresentative: string;
  updatedAt: string;
  /** 资质 */
  qualifications: MarketQualification[];
}
export interface DrawingReviewReceipt {
  idempotencyKey: string;
  receiptId: string;
  body: unknown;
  /** How many times the same key came again after the first. */
  duplicates: number;
}

export function signingString(method: string, target: string, timestamp: string, nonce: string, body?: string): string;
export function sign(
  appSecret: string,
  method: string,
  target: string,
  timestamp: string,
  nonce: string,
  body?: string,
): string;
export function signedHeaders(options: {
  appKey?: string;
  appSecret?: string;
  method: string;
  /** path?query exactly as sent */
  target: string;
  body?: string;
  now?: number;
  nonce?: string;
}): Record<'X-App-Key' | 'X-Timestamp' | 'X-Nonce' | 'X-Signature', string>;

export interface RunningProvincialMarketSimulator {
  url: string;
  appKey: string;
  appSecret: string;
  setMode(mode: ProvincialMarketMode, delayMs?: number): void;
  /** Changes `count` (default 10) enterprises and their qualifications; returns their credit codes. */
  touch(count?: number): string[];
  /** The record as the simulator serves it now, or null. */
  enterprise(creditCode: string): MarketEnterprise | null;
  /** Every credit code served, in index order. */
  codes(): string[];
  /** API requests received (control requests not counted). */
  requests(): number;
  /** Drawing-review submissions, one per Idempotency-Key. */
  received(): DrawingReviewReceipt[];
  close(): Promise<void>;
}
export function startProvincialMarketSimulator(options?: {
  enterprises?: number;
  mode?: ProvincialMarketMode;
  delayMs?: number;
  appKey?: string;
  appSecret?: string;
  port?: number;
  host?: string;
  /** The simulator's clock in ms (default Date.now), for signature-age tests. */
  now?: () => number;
}): Promise<RunningProvincialMarketSimulator>;
