import { type Caller, hasPermission } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inspection } from '../inspections/inspection.entity.js';
import { InspectionStatus } from '../inspections/inspection.enums.js';
import { inspectionScopeSql } from '../inspections/inspection.scope.js';
import { FirePermission } from '../permissions.js';

/** Which inspections wait on someone holding each permission, most urgent first. */
const WAITING_ON: [InspectionStatus, string][] = [
  [InspectionStatus.PLAN_PENDING, FirePermission.PLAN_SIGN],
  [InspectionStatus.SIGNING, FirePermission.RESULT_RECORD],
  [InspectionStatus.RECORDED, FirePermission.RESULT_RECORD],
  [InspectionStatus.RECORDING, FirePermission.RESULT_RECORD],
  [InspectionStatus.PLAN_CONFIRMED, FirePermission.RESULT_RECORD],
  [InspectionStatus.DRAFT, FirePermission.PLAN_SIGN],
  [InspectionStatus.DRAFT, FirePermission.INSPECTION_EDIT],
];

/** The statuses in which an inspection waits on the caller, in order of urgency. */
export function statusesWaitingOn(caller: Caller | null): InspectionStatus[] {
  const out: InspectionStatus[] = [];
  for (const [status, permission] of WAITING_ON)
    if (hasPermission(caller, permission) && !out.includes(status)) out.push(status);
  return out;
}

async function rows<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all');
}

/** Inspections in scope per status (every status listed): the list with `status` counts the same. */
export async function countsByStatus(
  em: EntityManager,
  caller: Caller | null,
): Promise<{ status: InspectionStatus; count: number }[]> {
  const scope = inspectionScopeSql(caller, 'i');
  const found = await rows<{ status: InspectionStatus; n: string }>(
    em,
    `select i.status, count(*) as n from fire.inspection i where ${scope.sql} group by i.status`,
    scope.params,
  );
  const byStatus = new Map(found.map((r) => [r.status, Number(r.n)]));
  return Object.values(InspectionStatus).map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

export interface TodoRow {
  inspection: Inspection;
  signed: number | null;
  signers: number | null;
  nextSigner: string | null;
}

/**
 * The inspections waiting on the caller (statusesWaitingOn), most urgent first, then by 检查日期;
 * with the signatures of the stage they wait in: for a plan to sign the boxes signed so far and
 * the next box (signed in order, 1.3.6), for results the parties signed of all (1.3.7).
 * Three statements whatever the limit.
 */
export async function waitingOn(em: EntityManager, caller: Caller | null, limit: number): Promise<TodoRow[]> {
  const statuses = statusesWaitingOn(caller);
  if (!statuses.length) return [];
  const scope = inspectionScopeSql(caller, 'i');
  const urgency = statuses.map((_, i) => `when ? then ${i}`).join(' ');
  const ids = await rows<{ id: string }>(
    em,
    `select i.id from fire.inspection i
      where ${scope.sql} and i.status in (${statuses.map(() => '?').join(', ')})
      order by case i.status ${urgency} end, i.inspection_date nulls last, i.created_at, i.id
      limit ?`,
    [...scope.params, ...statuses, ...statuses, limit],
  );
  if (!ids.length) return [];
  const list = ids.map((r) => r.id);
  const [inspections, signing] = await Promise.all([
    em.find(Inspection, { id: { $in: list } }),
    rows<{ inspection_id: string; signed: string; signers: number; next_signer: string | null }>(
      em,
      `select p.inspection_id, count(s.id) as signed,
              jsonb_array_length(p.rule_config -> (case when p.status = 'PENDING' then 'planSigners' else 'resultSigners' end)) as signers,
              p.rule_config -> 'planSigners' -> (count(s.id)::int) ->> 'label' as next_signer
         from fire.sampling_plan p
         left join fire.signature s
                on s.plan_id = p.id and s.stage = (case when p.status = 'PENDING' then 'PLAN' else 'RESULT' end)
        where p.inspection_id in (${list.map(() => '?').join(', ')}) and p.status in ('PENDING', 'CONFIRMED')
        group by p.id, p.inspection_id, p.status, p.rule_config`,
      list,
    ),
  ]);
  const byId = new Map(inspections.map((i) => [i.id, i]));
  const signingOf = new Map(signing.map((s) => [s.inspection_id, s]));
  return list.flatMap((id) => {
    const inspection = byId.get(id);
    if (!inspection) return [];
    const stage = SIGNING_STAGE[inspection.status];
    const s = stage ? signingOf.get(id) : undefined;
    return [
      {
        inspection,
        signed: s ? Number(s.signed) : null,
        signers: s ? Number(s.signers) : null,
        nextSigner: stage === 'PLAN' ? (s?.next_signer ?? null) : null,
      },
    ];
  });
}

/** The signature stage an inspection in each status waits in. */
const SIGNING_STAGE: Partial<Record<InspectionStatus, 'PLAN' | 'RESULT'>> = {
  [InspectionStatus.PLAN_PENDING]: 'PLAN',
  [InspectionStatus.RECORDED]: 'RESULT',
  [InspectionStatus.SIGNING]: 'RESULT',
};

/** What the caller is to do about an inspection, in words. */
export function actionOf(row: TodoRow, caller: Caller | null): string {
  const signed = row.signers != null ? `（已签 ${row.signed}/${row.signers}）` : '';
  switch (row.inspection.status) {
    case InspectionStatus.PLAN_PENDING:
      return `抽查方案待签名确认${signed}${row.nextSigner ? `，下一位：${row.nextSigner}` : ''}`;
    case InspectionStatus.SIGNING:
      return `抽查结果签名中${signed}`;
    case InspectionStatus.RECORDED:
      return `抽查结果待各方签名${signed}`;
    case InspectionStatus.RECORDING:
      return '现场检查中，继续记录检查结果';
    case InspectionStatus.PLAN_CONFIRMED:
      return '抽查方案已确认，待现场检查';
    default:
      return hasPermission(caller, FirePermission.PLAN_SIGN) ? '录入楼栋后生成抽查方案' : '录入楼栋和楼层';
  }
}
