import {
  badInput,
  batchIds,
  checkCreditCode,
  checkDivision,
  cleanText,
  conflict,
  type Dependent,
  externalDependents,
  isUuid,
  likeContains,
  mergeDependents,
  notFound,
  orderByOf,
  type Page,
  type PageInput,
  pageWindow,
  pgArray,
  refuseWhenReferenced,
  type Sort,
  throwIssues,
} from '@hs/kit';
import { type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Enterprise } from './enterprise.entity.js';
import { EnterpriseQualification, type QualificationInput } from './qualification.entity.js';
import {
  type CreateEnterpriseInput,
  type EnterpriseFilter,
  EnterpriseSortField,
  type UpdateEnterpriseInput,
} from './enterprise.inputs.js';
import { type CheckedEnterprise, checkEnterprise, type EnterpriseDraft } from './enterprise.rules.js';

const MAX_KEYWORD_LENGTH = 50;

/** Each sortable column has an index (Migration20261202210000ListIndexes); by default the list is in name order. */
export const enterpriseOrder = (sort: Sort<EnterpriseSortField> | null | undefined) =>
  orderByOf(
    sort,
    {
      [EnterpriseSortField.NAME]: (d) => ({ name: d }),
      [EnterpriseSortField.CREDIT_CODE]: (d) => ({ creditCode: d }),
      [EnterpriseSortField.DISTRICT_CODE]: (d) => ({ districtCode: d }),
      [EnterpriseSortField.LEGAL_REPRESENTATIVE]: (d) => ({ legalRepresentative: d }),
      [EnterpriseSortField.REGISTERED_ADDRESS]: (d) => ({ registeredAddress: d }),
      [EnterpriseSortField.CREATED_AT]: (d) => ({ createdAt: d }),
    },
    [{ name: 'asc' }],
  );

/**
 * The enterprises the list shows for `filter` (and, for a batch, only `ids`). Registry data
 * (3.1.2): no data scope, ENTERPRISE_VIEW is enough.
 */
export function enterpriseWhere(
  filter: EnterpriseFilter | null | undefined,
  ids?: readonly string[] | null,
): FilterQuery<Enterprise> {
  const and: FilterQuery<Enterprise>[] = [];
  const keyword = cleanText(filter?.keyword);
  if (keyword) {
    if (Array.from(keyword).length > MAX_KEYWORD_LENGTH)
      throw badInput(`关键字不能超过${MAX_KEYWORD_LENGTH}个字`, 'filter.keyword');
    const like = likeContains(keyword);
    and.push({ $or: [{ name: { $ilike: like } }, { creditCode: { $ilike: like } }] });
  }
  if (filter?.districtCode != null) {
    const division = checkDivision(filter.districtCode);
    if (!division.ok) throw badInput(division.reason, 'filter.districtCode');
    and.push({ districtCode: division.value });
  }
  if (ids) and.push({ id: { $in: batchIds(ids) } });
  return and.length ? { $and: and } : {};
}

export async function listEnterprises(
  em: EntityManager,
  filter: EnterpriseFilter | null | undefined,
  page: PageInput | null | undefined,
  sort?: Sort<EnterpriseSortField> | null,
): Promise<Page<Enterprise>> {
  const window = pageWindow(page);
  const [items, total] = await em.findAndCount(Enterprise, enterpriseWhere(filter), {
    limit: window.limit,
    offset: window.offset,
    orderBy: enterpriseOrder(sort) as never,
  });
  return { items, total, page: window.page, pageSize: window.pageSize };
}

export async function findEnterprise(em: EntityManager, id: string): Promise<Enterprise> {
  const enterprise = isUuid(id) ? await em.findOne(Enterprise, { id }) : null;
  if (!enterprise) throw notFound('企业');
  return enterprise;
}

/** 3.1.2: look an enterprise up by its 统一社会信用代码 (own registry for now; the provincial platform's simulator comes later). */
export async function findEnterpriseByCreditCode(em: EntityManager, creditCode: string): Promise<Enterprise> {
  const result = checkCreditCode(creditCode);
  if (!result.ok) throw badInput(result.reason, 'creditCode');
  const enterprise = await em.findOne(Enterprise, { creditCode: result.value });
  if (!enterprise) throw notFound('企业');
  return enterprise;
}

const qualificationDrafts = (list: QualificationInput[] | null | undefined) =>
  (list ?? []).map((q) => ({
    name: q.name ?? null,
    grade: q.grade ?? null,
    certificateNo: q.certificateNo ?? null,
    validUntil: q.validUntil ?? null,
  }));

function addQualifications(em: EntityManager, enterprise: Enterprise, list: CheckedEnterprise['qualifications']): void {
  list.forEach((q, position) => em.create(EnterpriseQualification, { ...q, enterprise, position }));
}

async function checkCreditCodeFree(em: EntityManager, creditCode: string, exceptId?: string): Promise<void> {
  const where: FilterQuery<Enterprise> = exceptId ? { creditCode, id: { $ne: exceptId } } : { creditCode };
  if ((await em.count(Enterprise, where)) > 0) throw conflict(`统一社会信用代码 ${creditCode} 已登记`, 'creditCode');
}

export function asConflict(error: unknown): never {
  if (error instanceof UniqueConstraintViolationException) throw conflict('统一社会信用代码已登记', 'creditCode');
  throw error;
}

export async function createEnterprise(em: EntityManager, input: CreateEnterpriseInput): Promise<Enterprise> {
  const draft: EnterpriseDraft = {
    creditCode: input.creditCode,
    name: input.name,
    registeredAddress: input.registeredAddress ?? null,
    legalRepresentative: input.legalRepresentative ?? null,
    districtCode: input.districtCode,
    qualifications: qualificationDrafts(input.qualifications),
  };
  const { value, issues } = checkEnterprise(draft);
  throwIssues(issues);
  return em
    .transactional(async (tx) => {
      await checkCreditCodeFree(tx, value!.creditCode);
      const { qualifications, ...fields } = value!;
      const enterprise = tx.create(Enterprise, fields);
      addQualifications(tx, enterprise, qualifications);
      return enterprise;
    })
    .catch(asConflict);
}

export async function updateEnterprise(
  em: EntityManager,
  id: string,
  input: UpdateEnterpriseInput,
): Promise<Enterprise> {
  return em
    .transactional(async (tx) => {
      const enterprise = isUuid(id) ? await tx.findOne(Enterprise, { id }) : null;
      if (!enterprise) throw notFound('企业');
      const keep = <T>(given: T | null | undefined, current: T | null): T | null =>
        given === undefined ? current : given;
      const draft: EnterpriseDraft = {
        creditCode: keep(input.creditCode, enterprise.creditCode),
        name: keep(input.name, enterprise.name),
        registeredAddress: keep(input.registeredAddress, enterprise.registeredAddress),
        legalRepresentative: keep(input.legalRepresentative, enterprise.legalRepresentative),
        districtCode: keep(input.districtCode, enterprise.districtCode),
        qualifications: qualificationDrafts(input.qualifications),
      };
      const { value, issues } = checkEnterprise(draft);
      throwIssues(issues);
      if (value!.creditCode !== enterprise.creditCode) await checkCreditCodeFree(tx, value!.creditCode, enterprise.id);
      const { qualifications, ...fields } = value!;
      tx.assign(enterprise, { ...fields, updatedAt: new Date() });
      // Given: replaces the list (deleted first, so a re-entered certificate meets no unique key).
      if (input.qualifications !== undefined) {
        await tx.nativeDelete(EnterpriseQualification, { enterprise: enterprise.id });
        addQualifications(tx, enterprise, qualifications);
      }
      return enterprise;
    })
    .catch(asConflict);
}

/**
 * 删除企业: refused for the whole batch while any of them is a project's 参建单位 (counted over
 * every project, whatever the caller's scope: the reference exists either way) or while another
 * subgraph's records (workforce employments) name it.
 */
export async function deleteEnterprises(
  em: EntityManager,
  ids: readonly string[],
  referenceSchemas: readonly string[],
): Promise<number> {
  const unique = batchIds(ids);
  const enterprises = await em.find(Enterprise, { id: { $in: unique } }, { fields: ['id', 'name'] });
  if (enterprises.length < unique.length) throw notFound('企业');
  const units: { enterprise_id: string; refs: string }[] = await em.getConnection().execute(
    `select enterprise_id, count(distinct project_id) as refs from "projects"."project_unit"
         where enterprise_id = any(?::uuid[]) group by enterprise_id`,
    [pgArray(unique)],
  );
  const own = new Map<string, Dependent[]>(
    units.map((row) => [row.enterprise_id, [{ label: '个工程项目（参建单位）', count: Number(row.refs) }]]),
  );
  const external = await externalDependents(em, referenceSchemas, 'enterprise', unique);
  refuseWhenReferenced('企业', new Map(enterprises.map((e) => [e.id, e.name])), mergeDependents(own, external));
  return em.transactional((tx) => tx.nativeDelete(Enterprise, { id: { $in: unique } }));
}
