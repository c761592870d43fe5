/**
 * Connector to the 人社局 social-insurance interface (1.2.3): one GET per lookup with a timeout,
 * bounded retries with exponential back-off on timeouts, dropped connections and 5xx, no retry on
 * 4xx. Contract (assumed, see simulators/hr-bureau/README.md):
 * GET {base}/api/v1/insurance/payment-status?idCard=… → {code: 0, data: {status, paidMonths, …}}.
 */
export interface InsuranceMonth {
  month: string;
  paid: boolean;
  base: number;
}

export interface BureauStatus {
  status: 'PAID' | 'ARREARS' | 'NOT_ENROLLED';
  paidMonths: number;
  lastPaidMonth: string | null;
  insurer: string | null;
  months: InsuranceMonth[];
}

export interface HrBureauOptions {
  baseUrl: string | null;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

export const DEFAULT_HR_BUREAU_OPTIONS: Omit<HrBureauOptions, 'baseUrl'> = {
  timeoutMs: 3000,
  retries: 2,
  backoffMs: 200,
};

export class BureauUnavailable extends Error {
  override name = 'BureauUnavailable';
}

const STATUSES = new Set(['PAID', 'ARREARS', 'NOT_ENROLLED']);

function parse(body: unknown): BureauStatus {
  const data = (body as { code?: unknown; data?: any })?.data;
  if ((body as { code?: unknown })?.code !== 0 || !data || !STATUSES.has(data.status))
    throw new BureauUnavailable('人社局接口返回了无法识别的数据');
  return {
    status: data.status,
    paidMonths: Number(data.paidMonths ?? 0),
    lastPaidMonth: typeof data.lastPaidMonth === 'string' ? data.lastPaidMonth : null,
    insurer: typeof data.insurer === 'string' ? data.insurer : null,
    months: Array.isArray(data.months)
      ? data.months.map((m: any) => ({ month: String(m.month), paid: Boolean(m.paid), base: Number(m.base ?? 0) }))
      : [],
  };
}

export async function fetchBureauStatus(idCard: string, options: HrBureauOptions): Promise<BureauStatus> {
  if (!options.baseUrl) throw new BureauUnavailable('未配置人社局接口地址（HR_BUREAU_URL）');
  const url = `${options.baseUrl.replace(/\/$/, '')}/api/v1/insurance/payment-status?idCard=${encodeURIComponent(idCard)}`;
  let last: unknown = null;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, options.backoffMs * 2 ** (attempt - 1)));
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
      if (res.status >= 400 && res.status < 500)
        throw new BureauUnavailable(`人社局接口拒绝了查询（HTTP ${res.status}）`);
      if (!res.ok) {
        last = new BureauUnavailable(`人社局接口暂时不可用（HTTP ${res.status}）`);
        continue;
      }
      return parse(await res.json());
    } catch (error) {
      if (error instanceof BureauUnavailable && !String(error.message).includes('暂时')) throw error;
      last = error;
    }
  }
  const timedOut = (last as { name?: string })?.name === 'TimeoutError';
  throw new BureauUnavailable(timedOut ? '人社局接口响应超时' : '人社局接口无法连接');
}
