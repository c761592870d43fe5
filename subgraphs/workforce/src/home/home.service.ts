import { addDays, type Caller, chinaMidnight, isUuid, pgParams } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { and, personScopeSql, projectScopeSql, type Sql } from '../common/scope.js';
import type { InsuranceState } from '../insurance/insurance.types.js';

/** Days ahead within which a labour contract counts as expiring (the home page's to-do). */
export const CONTRACT_WARNING_DAYS = 30;

async function count(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [row] = await em.getConnection().execute(sql, pgParams(params), 'all');
  return Number(row?.n ?? 0);
}

/**
 * People in scope with an open assignment whose contract ends on or before `until` (expired ones
 * included): the people list with `contractEndTo` counts the same.
 */
export function peopleWithContractEndingBy(em: EntityManager, caller: Caller | null, until: string) {
  const scope = personScopeSql(caller, 'p');
  return count(
    em,
    `select count(*) as n from workforce.person p
      where ${scope.sql}
        and exists (select 1 from workforce.employment fe
                     where fe.person_id = p.id and fe.exit_date is null and fe.contract_end <= ?)`,
    [...scope.params, until],
  );
}

/** People in scope whose last known social-insurance status is `status` (the people list's `insuranceStatus`). */
export function peopleWithInsurance(em: EntityManager, caller: Caller | null, status: InsuranceState) {
  const scope = personScopeSql(caller, 'p');
  return count(
    em,
    `select count(*) as n from workforce.person p
      where ${scope.sql}
        and exists (select 1 from workforce.insurance_status fi where fi.person_id = p.id and fi.status = ?)`,
    [...scope.params, status],
  );
}

const dayOf = (date: string): Sql => ({
  sql: 'a.occurred_at >= ? and a.occurred_at < ?',
  params: [chinaMidnight(date), chinaMidnight(addDays(date, 1))],
});

/** Refused attempts of the day in scope: the attendance records with accepted = false on that day. */
export function refusedOn(em: EntityManager, caller: Caller | null, date: string) {
  const where = and(projectScopeSql(caller, 'a'), dayOf(date), { sql: 'not a.accepted', params: [] });
  return count(em, `select count(*) as n from workforce.attendance a where ${where.sql}`, where.params);
}

export interface MineRow {
  personId: string;
  name: string;
  monthAttendedDays: number;
  attendedToday: boolean;
  onSite: boolean;
  refusedToday: number;
}

/** The caller's own person (Person.userId) and their attendance this month; null without one. */
export async function mine(em: EntityManager, caller: Caller | null, today: string): Promise<MineRow | null> {
  if (!caller || !isUuid(caller.userId)) return null;
  const monthStart = `${today.slice(0, 7)}-01`;
  const [row] = await em.getConnection().execute(
    `select p.id, p.name,
            (select count(*) from workforce.presence r where r.person_id = p.id and r.work_date >= ? and r.work_date <= ?) as days,
            (select bool_or(r.on_site) from workforce.presence r where r.person_id = p.id and r.work_date = ?) as on_site,
            (select count(*) from workforce.presence r where r.person_id = p.id and r.work_date = ?) as today,
            (select count(*) from workforce.attendance a
              where a.person_id = p.id and a.occurred_at >= ? and a.occurred_at < ? and not a.accepted) as refused
       from workforce.person p where p.user_id = ?`,
    pgParams([monthStart, today, today, today, ...dayOf(today).params, caller.userId]),
    'all',
  );
  if (!row) return null;
  return {
    personId: row.id,
    name: row.name,
    monthAttendedDays: Number(row.days),
    attendedToday: Number(row.today) > 0,
    onSite: row.on_site === true,
    refusedToday: Number(row.refused),
  };
}
