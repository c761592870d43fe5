import { decryptField, type Logger } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Person } from '../people/person.entity.js';
import { BureauUnavailable, fetchBureauStatus, type HrBureauOptions } from './hr-bureau-client.js';
import { InsuranceSource, type InsuranceStatusType } from './insurance.types.js';

/** Fresh enough to answer without asking the bureau again. */
export const CACHE_FRESH_MS = 10 * 60_000;

const fmt = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * 社保缴纳情况 (1.2.3): asks the bureau, stores the answer in workforce.insurance_status, and when
 * the bureau is slow, down or erroring answers with the last stored status, its date and a Chinese
 * message — never an error that would lose the page. A recent answer (< 10 min) is served from the
 * store without asking again.
 */
export async function socialInsuranceStatus(
  em: EntityManager,
  person: Person,
  options: HrBureauOptions & { fieldKey: string; logger: Logger; now: () => Date; refresh?: boolean },
): Promise<InsuranceStatusType> {
  const conn = em.getConnection();
  const [cached] = await conn.execute(
    `select status, paid_months, last_paid_month, insurer, detail, fetched_at from workforce.insurance_status where person_id = ?`,
    [person.id],
    'all',
  );
  const fromCache = (source: InsuranceSource, message: string | null, unavailable: boolean): InsuranceStatusType => ({
    personId: person.id,
    status: cached?.status ?? null,
    paidMonths: cached ? Number(cached.paid_months) : null,
    lastPaidMonth: cached?.last_paid_month ?? null,
    insurer: cached?.insurer ?? null,
    months: cached?.detail?.months ?? [],
    fetchedAt: cached ? new Date(cached.fetched_at) : null,
    source,
    unavailable,
    message,
  });
  if (cached && !options.refresh && options.now().getTime() - new Date(cached.fetched_at).getTime() < CACHE_FRESH_MS) {
    return fromCache(InsuranceSource.CACHE, null, false);
  }
  try {
    const idCard = decryptField(person.idCardCipher, options.fieldKey);
    const live = await fetchBureauStatus(idCard, options);
    const fetchedAt = options.now();
    await conn.execute(
      `insert into workforce.insurance_status (person_id, status, paid_months, last_paid_month, insurer, detail, fetched_at)
       values (?, ?, ?, ?, ?, ?::jsonb, ?)
       on conflict (person_id) do update set status = excluded.status, paid_months = excluded.paid_months,
         last_paid_month = excluded.last_paid_month, insurer = excluded.insurer, detail = excluded.detail,
         fetched_at = excluded.fetched_at`,
      [
        person.id,
        live.status,
        live.paidMonths,
        live.lastPaidMonth,
        live.insurer,
        JSON.stringify({ months: live.months }),
        fetchedAt,
      ],
    );
    return {
      personId: person.id,
      ...live,
      status: live.status as InsuranceStatusType['status'],
      fetchedAt,
      source: InsuranceSource.LIVE,
      unavailable: false,
      message: null,
    };
  } catch (error) {
    if (!(error instanceof BureauUnavailable)) options.logger.error({ err: error }, 'social insurance lookup failed');
    else options.logger.warn({ personId: person.id, reason: error.message }, 'HR bureau unavailable');
    const reason = error instanceof BureauUnavailable ? error.message : '人社局接口查询失败';
    if (cached) {
      return fromCache(
        InsuranceSource.CACHE,
        `${reason}，以下为 ${fmt(new Date(cached.fetched_at))} 查询到的结果，请稍后刷新`,
        true,
      );
    }
    return fromCache(InsuranceSource.NONE, `${reason}，暂无该人员的社保缴纳记录，请稍后再试`, true);
  }
}
