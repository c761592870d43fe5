import {
  batchIds,
  blindIndex,
  type Caller,
  checkIdCard,
  chinaDate,
  cleanCode,
  cleanText,
  conflict,
  encryptField,
  type FieldIssue,
  forbidden,
  HUANGSHI_CITY_CODE,
  isIsoDate,
  isUuid,
  likeContains,
  notFound,
  type Page,
  type PageInput,
  pageWindow,
  throwIssues,
} from '@hs/kit';
import { type FilterQuery, LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { resultsSealed } from '../common/errors.js';
import { SamplingPlan } from '../sampling/plan.entity.js';
import { Inspection } from './inspection.entity.js';
import { InspectionStatus } from './inspection.enums.js';
import type {
  CreateFireInspectionInput,
  FireInspectionFilter,
  UpdateFireInspectionInput,
} from './inspection.inputs.js';
import { checkInspectionDraft, type InspectionDraft } from './inspection.rules.js';
import { withInspectionScope } from './inspection.scope.js';
import { type FireInspectionSortInput, inspectionOrder } from './inspection.sort.js';
import { InspectionSearchToken } from './search-token.entity.js';
import { queryTokens, SEARCH_FIELDS, type SearchField, searchTokens } from './search-tokens.js';

export const MAX_FILTER_TEXT = 50;

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

function checkFilter(filter: FireInspectionFilter | null | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of ['keyword', ...Object.keys(SEARCH_FIELDS)] as (keyof FireInspectionFilter)[]) {
    const value = cleanText(filter?.[key] as string | null | undefined);
    if (value && Array.from(value).length > MAX_FILTER_TEXT) {
      issues.push({ field: `filter.${key}`, message: `查询条件不能超过${MAX_FILTER_TEXT}个字` });
    }
  }
  for (const key of ['inspectionDateFrom', 'inspectionDateTo'] as const) {
    const value = filter?.[key];
    if (value != null && !isIsoDate(value))
      issues.push({ field: `filter.${key}`, message: '日期格式应为 YYYY-MM-DD 且为有效日期' });
  }
  if (filter?.inspectionDateFrom && filter.inspectionDateTo && filter.inspectionDateFrom > filter.inspectionDateTo) {
    issues.push({ field: 'filter.inspectionDateTo', message: '检查日期止不能早于检查日期起' });
  }
  if (filter?.districtCode != null && !/^\d{6}$/.test(filter.districtCode)) {
    issues.push({ field: 'filter.districtCode', message: '行政区划代码应为6位数字' });
  }
  if (filter?.projectId != null && !isUuid(filter.projectId))
    issues.push({ field: 'filter.projectId', message: '工程项目标识无效' });
  if (filter?.leaderIdCard != null && !checkIdCard(filter.leaderIdCard).ok) {
    issues.push({ field: 'filter.leaderIdCard', message: '身份证号格式无效' });
  }
  return issues;
}

/** `id in (select inspection_id from inspection_search_token where field = ? and token in (…) having all)`. */
function tokenSubquery(em: EntityManager, fields: SearchField[], query: string) {
  const tokens = queryTokens(query);
  return em
    .getKnex()
    .select('inspection_id')
    .from('fire.inspection_search_token')
    .whereIn('field', fields)
    .whereIn('token', tokens)
    .groupBy('inspection_id', 'field')
    .havingRaw('count(distinct token) = ?', [tokens.length]);
}

function containsFilter(em: EntityManager, fields: SearchField[], value: string): FilterQuery<Inspection> {
  const like = likeContains(value);
  return {
    $and: [
      { id: { $in: tokenSubquery(em, fields, value) as never } },
      fields.length === 1 ? { [fields[0]]: { $ilike: like } } : { $or: fields.map((f) => ({ [f]: { $ilike: like } })) },
    ],
  } as FilterQuery<Inspection>;
}

/** The filter of 1.3.8 as a MikroORM condition (without the data scope). */
export function inspectionWhere(
  em: EntityManager,
  filter: FireInspectionFilter | null | undefined,
  fieldKey: string,
): FilterQuery<Inspection> {
  throwIssues(checkFilter(filter));
  const and: FilterQuery<Inspection>[] = [];
  const keyword = cleanText(filter?.keyword);
  if (keyword) and.push(containsFilter(em, ['projectName', 'address'], keyword));
  for (const field of Object.keys(SEARCH_FIELDS) as SearchField[]) {
    const value = cleanText(filter?.[field]);
    if (value) and.push(containsFilter(em, [field], value));
  }
  if (filter?.leaderIdCard) {
    const id = checkIdCard(filter.leaderIdCard);
    if (id.ok) and.push({ leaderIdCardIndex: blindIndex(id.value, fieldKey) });
  }
  if (filter?.category) and.push({ category: filter.category });
  if (filter?.status) and.push({ status: filter.status });
  if (filter?.projectId) and.push({ projectId: filter.projectId });
  if (filter?.districtCode && filter.districtCode !== HUANGSHI_CITY_CODE)
    and.push({ districtCode: filter.districtCode });
  if (filter?.inspectionDateFrom) and.push({ inspectionDate: { $gte: filter.inspectionDateFrom } });
  if (filter?.inspectionDateTo) and.push({ inspectionDate: { $lte: filter.inspectionDateTo } });
  return and.length ? { $and: and } : {};
}

/**
 * What a list or an export covers, in the caller's scope: the rows the filter selects or, when
 * `ids` are given (the rows ticked on the page), those of them the caller may see.
 */
export function inspectionSelection(
  em: EntityManager,
  caller: Caller | null,
  selection: { filter?: FireInspectionFilter | null; ids?: readonly string[] | null },
  fieldKey: string,
): FilterQuery<Inspection> {
  const where = selection.ids
    ? { id: { $in: batchIds(selection.ids) } }
    : inspectionWhere(em, selection.filter, fieldKey);
  return withInspectionScope(caller, where);
}

/** A page of inspections in scope, in the chosen order: two queries (count + page). */
export async function listInspections(
  em: EntityManager,
  caller: Caller | null,
  filter: FireInspectionFilter | null | undefined,
  page: PageInput | null | undefined,
  fieldKey: string,
  sort?: FireInspectionSortInput | null,
): Promise<Page<Inspection>> {
  const window = pageWindow(page);
  const [items, total] = await em.findAndCount(Inspection, inspectionSelection(em, caller, { filter }, fieldKey), {
    limit: window.limit,
    offset: window.offset,
    orderBy: inspectionOrder(sort) as never,
  });
  return { items, total, page: window.page, pageSize: window.pageSize };
}

/** An inspection in scope, locked FOR UPDATE inside a transaction, or NOT_FOUND. */
export async function lockInspection(tx: EntityManager, caller: Caller | null, id: string): Promise<Inspection> {
  if (!isUuid(id)) throw notFound('消防验收抽查项目');
  const inspection = await tx.findOne(Inspection, withInspectionScope(caller, { id }), {
    lockMode: LockMode.PESSIMISTIC_WRITE,
  });
  if (!inspection) throw notFound('消防验收抽查项目');
  return inspection;
}

export async function findInspection(em: EntityManager, caller: Caller | null, id: string): Promise<Inspection> {
  if (!isUuid(id)) throw notFound('消防验收抽查项目');
  const inspection = await em.findOne(Inspection, withInspectionScope(caller, { id }));
  if (!inspection) throw notFound('消防验收抽查项目');
  return inspection;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

export interface WriteRuntime {
  fieldKey: string;
  now: () => Date;
}

function draftFromCreate(input: CreateFireInspectionInput): InspectionDraft {
  return {
    projectId: cleanText(input.projectId),
    projectName: cleanText(input.projectName),
    districtCode: cleanCode(input.districtCode),
    builderUnit: cleanText(input.builderUnit),
    designUnit: cleanText(input.designUnit),
    generalContractorUnit: cleanText(input.generalContractorUnit),
    fireContractorUnit: cleanText(input.fireContractorUnit),
    supervisorUnit: cleanText(input.supervisorUnit),
    fireTestingUnit: cleanText(input.fireTestingUnit),
    leaderName: cleanText(input.leaderName),
    leaderPhone: cleanCode(input.leaderPhone),
    leaderIdCard: cleanCode(input.leaderIdCard),
    address: cleanText(input.address),
    siteLatitude: input.siteLatitude ?? null,
    siteLongitude: input.siteLongitude ?? null,
    category: input.category ?? null,
    decoration: input.decoration ?? false,
    decorationDescription: cleanText(input.decorationDescription),
    inspectionDate: cleanCode(input.inspectionDate),
    changeOfUse: input.changeOfUse ?? false,
    useNature: cleanText(input.useNature),
    originalUse: cleanText(input.originalUse),
  };
}

/** A caller bound to districts registers inspections only in those districts. */
function checkDistrictInScope(caller: Caller, districtCode: string | null): void {
  if (!districtCode || caller.scope.kind === 'ALL' || caller.scope.districtCodes.length === 0) return;
  if (!caller.scope.districtCodes.includes(districtCode)) throw forbidden('无权在该区县登记消防验收抽查项目');
}

function applyDraft(
  inspection: Inspection,
  draft: InspectionDraft,
  keep: { phone: boolean; idCard: boolean },
  fieldKey: string,
) {
  inspection.projectId = draft.projectId;
  inspection.projectName = draft.projectName!;
  inspection.districtCode = draft.districtCode!;
  inspection.builderUnit = draft.builderUnit;
  inspection.designUnit = draft.designUnit;
  inspection.generalContractorUnit = draft.generalContractorUnit;
  inspection.fireContractorUnit = draft.fireContractorUnit;
  inspection.supervisorUnit = draft.supervisorUnit;
  inspection.fireTestingUnit = draft.fireTestingUnit;
  inspection.leaderName = draft.leaderName!;
  if (!keep.phone) inspection.leaderPhoneCipher = draft.leaderPhone ? encryptField(draft.leaderPhone, fieldKey) : null;
  if (!keep.idCard) {
    inspection.leaderIdCardCipher = draft.leaderIdCard ? encryptField(draft.leaderIdCard, fieldKey) : null;
    inspection.leaderIdCardIndex = draft.leaderIdCard ? blindIndex(draft.leaderIdCard, fieldKey) : null;
  }
  inspection.address = draft.address!;
  inspection.siteLatitude = draft.siteLatitude;
  inspection.siteLongitude = draft.siteLongitude;
  inspection.category = draft.category!;
  inspection.decoration = draft.decoration;
  inspection.decorationDescription = draft.decoration ? draft.decorationDescription : null;
  inspection.inspectionDate = draft.inspectionDate;
  inspection.changeOfUse = draft.changeOfUse;
  inspection.useNature = draft.changeOfUse ? draft.useNature : null;
  inspection.originalUse = draft.changeOfUse ? draft.originalUse : null;
}

/** Rewrites the substring index rows of one inspection (inside the caller's transaction). */
export async function refreshSearchTokens(tx: EntityManager, inspection: Inspection): Promise<void> {
  await tx.nativeDelete(InspectionSearchToken, { inspection: inspection.id });
  const rows: { field: string; token: string; inspection: string }[] = [];
  for (const field of Object.keys(SEARCH_FIELDS) as SearchField[]) {
    for (const token of searchTokens(inspection[field])) rows.push({ field, token, inspection: inspection.id });
  }
  if (rows.length) await tx.insertMany(InspectionSearchToken, rows as never);
}

export async function createInspection(
  em: EntityManager,
  caller: Caller,
  input: CreateFireInspectionInput,
  runtime: WriteRuntime,
): Promise<Inspection> {
  const draft = draftFromCreate(input);
  throwIssues(checkInspectionDraft(draft, chinaDate(runtime.now())));
  checkDistrictInScope(caller, draft.districtCode);
  return em.transactional(async (tx) => {
    const now = runtime.now();
    const inspection = tx.create(Inspection, {
      projectName: draft.projectName!,
      districtCode: draft.districtCode!,
      leaderName: draft.leaderName!,
      address: draft.address!,
      category: draft.category!,
      createdById: isUuid(caller.userId) ? caller.userId : null,
      createdAt: now,
      updatedAt: now,
    });
    applyDraft(inspection, draft, { phone: false, idCard: false }, runtime.fieldKey);
    await tx.flush();
    await refreshSearchTokens(tx, inspection);
    return inspection;
  });
}

export async function updateInspection(
  em: EntityManager,
  caller: Caller,
  id: string,
  input: UpdateFireInspectionInput,
  runtime: WriteRuntime,
): Promise<Inspection> {
  return em.transactional(async (tx) => {
    const inspection = await lockInspection(tx, caller, id);
    if (inspection.resultsLockedAt) throw resultsSealed('抽查结果已签名确认，项目基本信息不可再修改');
    const pick = <K extends keyof UpdateFireInspectionInput>(
      key: K,
      current: string | null,
      clean = cleanText,
    ): string | null => (input[key] === undefined ? current : clean(input[key] as string | null));
    const draft: InspectionDraft = {
      projectId: pick('projectId', inspection.projectId),
      projectName: pick('projectName', inspection.projectName),
      districtCode: pick('districtCode', inspection.districtCode, cleanCode),
      builderUnit: pick('builderUnit', inspection.builderUnit),
      designUnit: pick('designUnit', inspection.designUnit),
      generalContractorUnit: pick('generalContractorUnit', inspection.generalContractorUnit),
      fireContractorUnit: pick('fireContractorUnit', inspection.fireContractorUnit),
      supervisorUnit: pick('supervisorUnit', inspection.supervisorUnit),
      fireTestingUnit: pick('fireTestingUnit', inspection.fireTestingUnit),
      leaderName: pick('leaderName', inspection.leaderName),
      leaderPhone: input.leaderPhone === undefined ? null : cleanCode(input.leaderPhone),
      leaderIdCard: input.leaderIdCard === undefined ? null : cleanCode(input.leaderIdCard),
      address: pick('address', inspection.address),
      siteLatitude: input.siteLatitude === undefined ? inspection.siteLatitude : input.siteLatitude,
      siteLongitude: input.siteLongitude === undefined ? inspection.siteLongitude : input.siteLongitude,
      // Required enum and booleans: null means "leave as is".
      category: input.category ?? inspection.category,
      decoration: input.decoration ?? inspection.decoration,
      decorationDescription: pick('decorationDescription', inspection.decorationDescription),
      inspectionDate: pick('inspectionDate', inspection.inspectionDate, cleanCode),
      changeOfUse: input.changeOfUse ?? inspection.changeOfUse,
      useNature: pick('useNature', inspection.useNature),
      originalUse: pick('originalUse', inspection.originalUse),
    };
    throwIssues(checkInspectionDraft(draft, chinaDate(runtime.now())));
    if (draft.districtCode !== inspection.districtCode) checkDistrictInScope(caller, draft.districtCode);
    applyDraft(
      inspection,
      draft,
      { phone: input.leaderPhone === undefined, idCard: input.leaderIdCard === undefined },
      runtime.fieldKey,
    );
    inspection.updatedAt = runtime.now();
    await tx.flush();
    await refreshSearchTokens(tx, inspection);
    return inspection;
  });
}

/** Only an inspection that never had a plan can be deleted (a plan, even void, is part of the record). */
export async function deleteInspection(em: EntityManager, caller: Caller, id: string): Promise<boolean> {
  return em.transactional(async (tx) => {
    const inspection = await lockInspection(tx, caller, id);
    if (
      inspection.status !== InspectionStatus.DRAFT ||
      (await tx.count(SamplingPlan, { inspection: inspection.id })) > 0
    ) {
      throw conflict('已生成过抽查方案的项目不能删除（方案记录须保留）');
    }
    tx.remove(inspection);
    await tx.flush();
    return true;
  });
}
