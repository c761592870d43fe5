import type { MarketEnterprise } from './server.mjs';

export const SEED: string;
export const DISTRICTS: { code: string; name: string; city: string; roads: string[] }[];
export const DEMO_KNOWN: [string, string, string | null, string | null, string][];
export function creditCheckChar(first17: string): string;
export function hashBytes(...parts: (string | number)[]): Buffer;
export function utcDay(date: Date): number;
export interface SimulatedEnterprise extends MarketEnterprise {
  kind: 'contractor' | 'supervisor' | 'surveyor' | 'designer' | 'builder';
  /** 参建类型 the enterprise takes on a project: 8 建设, 9 总承包, 7 监理, 10 勘察, 11 设计. */
  role: '7' | '8' | '9' | '10' | '11';
  districtCode: string;
}
export function enterpriseAt(index: number, today?: number, revision?: number): SimulatedEnterprise;
