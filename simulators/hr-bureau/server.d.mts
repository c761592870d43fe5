export type HrBureauMode = 'normal' | 'slow' | 'down' | 'error';
export const MODES: HrBureauMode[];
export interface FakeStatus {
  idCard: string;
  status: 'PAID' | 'ARREARS' | 'NOT_ENROLLED';
  paidMonths: number;
  lastPaidMonth: string | null;
  insurer: string | null;
  months: { month: string; paid: boolean; base: number }[];
}
export function fakeStatus(idCard: string, now?: Date): FakeStatus;
export interface RunningHrBureauSimulator {
  url: string;
  setMode(mode: HrBureauMode, delayMs?: number): void;
  requests(): number;
  close(): Promise<void>;
}
export function startHrBureauSimulator(options?: {
  mode?: HrBureauMode;
  delayMs?: number;
  port?: number;
  host?: string;
}): Promise<RunningHrBureauSimulator>;
