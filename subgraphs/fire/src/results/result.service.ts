import { randomUUID } from 'node:crypto';
import { badInput, type Caller, checkText, cleanText, conflict, type FieldIssue, isUuid, throwIssues } from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CatalogueVersion } from '../catalogue/catalogue.entity.js';
import { indexCatalogue } from '../catalogue/catalogue.model.js';
import { mapSealedErrors, resultsSealed } from '../common/errors.js';
import type { Inspection } from '../inspections/inspection.entity.js';
import { InspectionStatus } from '../inspections/inspection.enums.js';
import { lockInspection } from '../inspections/inspection.service.js';
import { PlanStatus, SamplingPlan } from '../sampling/plan.entity.js';
import { checkMatrix, layoutLocations, plannedChecks, type PlannedCheck } from '../sampling/sampling-rule.js';
import { ExtraLocation } from './extra-location.entity.js';
import { InspectionResult, Verdict } from './result.entity.js';
import { type ItemProgress, pairKey, progressOf } from './results.model.js';

export const MAX_RESULTS_PER_CALL = 2000;

export interface ResultEntry {
  lineCode: string;
  locationKey: string;
  verdict: Verdict;
  note?: string | null;
}

export interface PlanState {
  plan: SamplingPlan;
  catalogue: CatalogueVersion;
  extras: ExtraLocation[];
  checks: PlannedCheck[];
  results: InspectionResult[];
  progress: ItemProgress[];
}

/** Everything about the recording of a confirmed plan: its checks, results and progress per item. */
export async function planState(em: EntityManager, plan: SamplingPlan): Promise<PlanState> {
  const catalogue = await em.findOneOrFail(CatalogueVersion, { id: plan.catalogueVersion.id });
  const extras = await em.find(ExtraLocation, { plan: plan.id }, { orderBy: { createdAt: 'asc' } });
  const results = await em.find(InspectionResult, { plan: plan.id });
  return stateOf(plan, catalogue, extras, results);
}

/** The plan's state from its parts, however they were read (one plan's queries, or a request's loaders). */
export function stateOf(
  plan: SamplingPlan,
  catalogue: CatalogueVersion,
  extras: ExtraLocation[],
  results: InspectionResult[],
): PlanState {
  const checks = plannedChecks(plan.draw, catalogue.content, extras);
  const recorded = new Map(results.map((r) => [pairKey(r.lineCode, r.locationKey), r.verdict]));
  return { plan, catalogue, extras, checks, results, progress: progressOf(catalogue.content, checks, recorded) };
}

export const allComplete = (progress: ItemProgress[]) => progress.every((p) => p.complete);

/** RECORDING or RECORDED from the progress (never moves a locked or sealed inspection back). */
export function statusFromProgress(inspection: Inspection, progress: ItemProgress[]): void {
  if (inspection.resultsLockedAt) return;
  const any = progress.some((p) => p.recorded > 0);
  inspection.status = allComplete(progress)
    ? InspectionStatus.RECORDED
    : any
      ? InspectionStatus.RECORDING
      : InspectionStatus.PLAN_CONFIRMED;
}

export async function confirmedPlanFor(tx: EntityManager, inspection: Inspection): Promise<SamplingPlan> {
  const plan = await tx.findOne(SamplingPlan, { inspection: inspection.id, status: PlanStatus.CONFIRMED });
  if (!plan) throw conflict('抽查方案尚未经三方签名确认，不能记录抽查结果');
  return plan;
}

function checkEntries(entries: ResultEntry[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!entries.length) issues.push({ field: 'results', message: '请至少记录一条抽查结果' });
  if (entries.length > MAX_RESULTS_PER_CALL)
    issues.push({ field: 'results', message: `每次最多提交 ${MAX_RESULTS_PER_CALL} 条结果` });
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!/^\d{2}\.\d{2}\.\d{2}$/.test(e.lineCode ?? ''))
      issues.push({ field: `results[${i}].lineCode`, message: `检查内容编码“${e.lineCode}”格式无效` });
    if (!isUuid(e.locationKey)) issues.push({ field: `results[${i}].locationKey`, message: '部位标识无效' });
    if (e.verdict !== Verdict.PASS && e.verdict !== Verdict.FAIL)
      issues.push({ field: `results[${i}].verdict`, message: '抽查结果只能是合格或不合格' });
    checkText(issues, `results[${i}].note`, '情况说明', cleanText(e.note), {
      required: false,
      max: 500,
      kind: 'multiline',
    });
    const key = pairKey(e.lineCode, e.locationKey);
    if (seen.has(key)) issues.push({ field: `results[${i}]`, message: '同一检查内容在同一部位重复提交' });
    seen.add(key);
  });
  return issues;
}

/**
 * 1.3.5 / 1.3.7: records 合格/不合格 for check lines at locations of the confirmed plan (insert or
 * change). All or nothing: every entry is checked against the plan before anything is written — an
 * unknown check line or a location the plan did not draw for that line is BAD_USER_INPUT. Refused
 * with RESULTS_SEALED once the first party has signed the results (and by the database trigger).
 */
export async function recordResults(
  em: EntityManager,
  caller: Caller,
  inspectionId: string,
  entries: ResultEntry[],
  now: () => Date,
): Promise<{ inspection: Inspection; results: InspectionResult[]; progress: ItemProgress[] }> {
  throwIssues(checkEntries(entries));
  return mapSealedErrors(() =>
    em.transactional(async (tx) => {
      const inspection = await lockInspection(tx, caller, inspectionId);
      if (inspection.resultsLockedAt) throw resultsSealed();
      const plan = await confirmedPlanFor(tx, inspection);
      const state = await planState(tx, plan);
      const index = indexCatalogue(state.catalogue.content);
      const matrix = checkMatrix(state.checks);
      const labels = new Map([...layoutLocations(plan.layout)].map(([k, v]) => [k, v.label]));
      for (const extra of state.extras) labels.set(extra.locationKey, extra.label);
      const extraKeys = new Set(state.extras.map((e) => e.locationKey));
      const issues: FieldIssue[] = [];
      entries.forEach((e, i) => {
        const line = index.lines.get(e.lineCode);
        if (!line) {
          issues.push({
            field: `results[${i}].lineCode`,
            message: `未知的检查内容编码：${e.lineCode}（抽查库第 ${state.catalogue.version} 版中没有）`,
          });
        } else if (!matrix.get(e.lineCode)?.has(e.locationKey)) {
          const where = labels.get(e.locationKey) ?? '该部位';
          issues.push({
            field: `results[${i}].locationKey`,
            message: `部位“${where}”不在抽查方案中（检查内容 ${e.lineCode}），不能记录结果；如需增加部位，请先“现场新增部位”`,
          });
        }
      });
      throwIssues(issues);
      const existing = new Map(state.results.map((r) => [pairKey(r.lineCode, r.locationKey), r]));
      const saved: InspectionResult[] = [];
      const at = now();
      for (const e of entries) {
        const { item, subItem, line } = index.lines.get(e.lineCode)!;
        const row = existing.get(pairKey(e.lineCode, e.locationKey));
        if (row) {
          row.verdict = e.verdict;
          row.note = cleanText(e.note);
          row.recordedById = isUuid(caller.userId) ? caller.userId : null;
          row.updatedAt = at;
          saved.push(row);
        } else {
          const created = tx.create(InspectionResult, {
            inspection,
            plan,
            itemCode: item.code,
            subItemCode: subItem.code,
            lineCode: line.code,
            importance: line.importance,
            locationKey: e.locationKey,
            locationLabel: (labels.get(e.locationKey) ?? '').slice(0, 100),
            extra: extraKeys.has(e.locationKey),
            verdict: e.verdict,
            note: cleanText(e.note),
            recordedById: isUuid(caller.userId) ? caller.userId : null,
            recordedAt: at,
            updatedAt: at,
          });
          saved.push(created);
          state.results.push(created);
        }
      }
      const recorded = new Map(state.results.map((r) => [pairKey(r.lineCode, r.locationKey), r.verdict]));
      const progress = progressOf(state.catalogue.content, state.checks, recorded);
      statusFromProgress(inspection, progress);
      await tx.flush();
      return { inspection, results: saved, progress };
    }),
  );
}

export interface ExtraLocationInput {
  itemCode: string;
  buildingId?: string | null;
  floorId?: string | null;
  label?: string | null;
  note?: string | null;
  locationKey?: string | null;
}

/** 1.3.5: a location added on site for one item (a building/floor of the plan's layout, or a named place). */
export async function addExtraLocation(
  em: EntityManager,
  caller: Caller,
  inspectionId: string,
  input: ExtraLocationInput,
  now: () => Date,
): Promise<ExtraLocation> {
  const issues: FieldIssue[] = [];
  checkText(issues, 'label', '部位名称', cleanText(input.label), { required: false, max: 100 });
  checkText(issues, 'note', '详细抽查情况说明', cleanText(input.note), {
    required: false,
    max: 500,
    kind: 'multiline',
  });
  if (input.buildingId != null && !isUuid(input.buildingId))
    issues.push({ field: 'buildingId', message: '楼栋标识无效' });
  if (input.floorId != null && !isUuid(input.floorId)) issues.push({ field: 'floorId', message: '楼层标识无效' });
  if (input.locationKey != null && (!isUuid(input.locationKey) || input.buildingId || input.floorId)) {
    issues.push({ field: 'locationKey', message: '自定义部位标识无效（须为 UUID，且只用于不选楼栋楼层的部位）' });
  }
  if (!input.buildingId && !input.floorId && !cleanText(input.label)) {
    issues.push({ field: 'label', message: '请选择楼栋或楼层，或填写部位名称' });
  }
  throwIssues(issues);
  return mapSealedErrors(() =>
    em.transactional(async (tx) => {
      const inspection = await lockInspection(tx, caller, inspectionId);
      if (inspection.resultsLockedAt) throw resultsSealed();
      const plan = await confirmedPlanFor(tx, inspection);
      const catalogue = await tx.findOneOrFail(CatalogueVersion, { id: plan.catalogueVersion.id });
      if (!catalogue.content.items.some((i) => i.code === input.itemCode)) {
        throw badInput(`未知的检查项目编码：${input.itemCode}（抽查库中为 01–18）`, 'itemCode');
      }
      const locations = layoutLocations(plan.layout);
      let locationKey: string;
      let label: string;
      if (input.floorId) {
        const loc = locations.get(input.floorId);
        if (!loc || loc.kind === 'BUILDING' || (input.buildingId && loc.buildingId !== input.buildingId)) {
          throw badInput('该楼层不在抽查方案的楼栋楼层中', 'floorId');
        }
        [locationKey, label] = [loc.key, cleanText(input.label) ?? loc.label];
      } else if (input.buildingId) {
        const loc = locations.get(input.buildingId);
        if (!loc || loc.kind !== 'BUILDING') throw badInput('该楼栋不在抽查方案的楼栋楼层中', 'buildingId');
        [locationKey, label] = [loc.key, cleanText(input.label) ?? loc.label];
      } else {
        if (input.locationKey && locations.has(input.locationKey)) {
          throw badInput('自定义部位标识与方案中的楼栋楼层重复', 'locationKey');
        }
        [locationKey, label] = [input.locationKey ?? randomUUID(), cleanText(input.label)!];
      }
      const drawn = plan.draw.items.find((d) => d.code === input.itemCode);
      if (drawn?.sampled.includes(locationKey)) throw conflict('该部位已在抽查方案中，无需新增');
      const dup = await tx.findOne(ExtraLocation, { plan: plan.id, itemCode: input.itemCode, locationKey });
      // The phone's offline queue resends what it is not sure arrived: the same place again is the same place.
      if (dup && dup.label === label) return dup;
      if (dup) throw conflict('该部位已经新增过');
      const extra = tx.create(ExtraLocation, {
        inspection,
        plan,
        itemCode: input.itemCode,
        locationKey,
        buildingId: input.floorId ? (locations.get(locationKey)?.buildingId ?? null) : (input.buildingId ?? null),
        floorId: input.floorId ?? null,
        label,
        note: cleanText(input.note),
        createdById: isUuid(caller.userId) ? caller.userId : null,
        createdAt: now(),
      });
      await tx.flush();
      // New required checks: a RECORDED inspection is RECORDING again until they are recorded.
      statusFromProgress(inspection, (await planState(tx, plan)).progress);
      await tx.flush();
      return extra;
    }),
  );
}
