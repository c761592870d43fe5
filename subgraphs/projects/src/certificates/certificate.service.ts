import { randomUUID } from 'node:crypto';
import {
  badInput,
  batchIds,
  type Caller,
  checkCreditCode,
  checkDivision,
  chinaDate,
  cleanCode,
  cleanText,
  conflict,
  type FieldIssue,
  HUANGSHI_CITY_CODE,
  isIsoDate,
  isUuid,
  likeContains,
  notFound,
  orderByOf,
  type Page,
  type PageInput,
  pageWindow,
  pgArray,
  type Sort,
  throwIssues,
} from '@hs/kit';
import { type FilterQuery, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, QBFilterQuery } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Project } from '../projects/project.entity.js';
import { DrawingReviewPushEvent, enqueueDrawingReview } from '../provincial/drawing-review-push.js';
import { projectScopeFilter } from '../projects/project.scope.js';
import {
  DrawingReviewCertificate,
  DrawingReviewCertificateNumber,
  DrawingReviewCertificateShare,
} from './certificate.entity.js';
import { CertificateShareAction, DrawingReviewCertificateStatus } from './certificate.enums.js';
import { CERTIFICATE_FILE_TYPES } from './certificate.files.js';
import {
  type AddDrawingReviewCertificateInput,
  type DrawingReviewCertificateFilter,
  DrawingReviewCertificateSortField,
  type ReissueDrawingReviewCertificateInput,
} from './certificate.inputs.js';
import { type CertificateDraft, checkCertificateDraft, checkReason, orderedDisciplines } from './certificate.rules.js';
import { StoredFile } from './stored-file.entity.js';

// ---------------------------------------------------------------------------------------------
// Scope: a certificate is visible exactly when its project is (project.scope.ts, 1.1.2)
// ---------------------------------------------------------------------------------------------

/** `project_id in (select id from project where <caller's scope>)`, or null for city-wide callers. */
export function certificateScope(
  em: EntityManager,
  caller: Caller | null,
): FilterQuery<DrawingReviewCertificate> | null {
  const scope = projectScopeFilter(em, caller);
  if (!scope) return null;
  const visible = em
    .createQueryBuilder(Project, 'vp')
    .select('vp.id')
    .where(scope as QBFilterQuery<Project>)
    .getKnexQuery();
  return { project: { $in: visible as never } };
}

function scoped(
  em: EntityManager,
  caller: Caller | null,
  where: FilterQuery<DrawingReviewCertificate>,
): FilterQuery<DrawingReviewCertificate> {
  const scope = certificateScope(em, caller);
  return scope ? ({ $and: [where, scope] } as FilterQuery<DrawingReviewCertificate>) : where;
}

// ---------------------------------------------------------------------------------------------
// Per-request loaders
// ---------------------------------------------------------------------------------------------

export interface ShareLogWindow {
  chainId: string;
  offset: number;
  limit: number;
}

export interface CertificateLoaders {
  /** By id within the caller's scope: out-of-scope ids come back null. */
  byId: DataLoader<string, DrawingReviewCertificate | null>;
  /** The newest version of each chain of a project (the project was already checked visible). */
  latestByProject: DataLoader<string, DrawingReviewCertificate[]>;
  /** Every version of a chain, newest first. */
  versionsByChain: DataLoader<string, DrawingReviewCertificate[]>;
  fileBySha: DataLoader<string, StoredFile | null>;
  shareLog: DataLoader<ShareLogWindow, Page<DrawingReviewCertificateShare>, string>;
  /** Records that the caller viewed these certificates: one INSERT per request, however many. */
  recordView: DataLoader<DrawingReviewCertificate, true, string>;
}

function grouped<T>(keys: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

export function certificateLoaders(em: EntityManager, caller: Caller | null): CertificateLoaders {
  return {
    byId: new DataLoader(async (ids) => {
      const valid = [...new Set(ids.filter(isUuid))];
      const rows = valid.length
        ? await em.find(DrawingReviewCertificate, scoped(em, caller, { id: { $in: valid } }))
        : [];
      const byId = new Map(rows.map((c) => [c.id, c]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    latestByProject: new DataLoader(async (projectIds) => {
      const rows = await em.find(
        DrawingReviewCertificate,
        { project: { $in: [...projectIds] }, latest: true },
        { orderBy: { reviewDate: 'desc', createdAt: 'desc' } },
      );
      return grouped(projectIds, rows, (c) => c.project.id);
    }),
    versionsByChain: new DataLoader(async (chainIds) => {
      const rows = await em.find(
        DrawingReviewCertificate,
        { chainId: { $in: [...chainIds] } },
        { orderBy: { version: 'desc' } },
      );
      return grouped(chainIds, rows, (c) => c.chainId);
    }),
    fileBySha: new DataLoader(async (shas) => {
      const rows = await em.find(StoredFile, { sha256: { $in: [...shas] } });
      const bySha = new Map(rows.map((f) => [f.sha256, f]));
      return shas.map((s) => bySha.get(s) ?? null);
    }),
    shareLog: new DataLoader(
      async (windows) => {
        // One query per page window asked for (in practice one): ranked and counted per chain.
        const pages = new Map<string, Page<DrawingReviewCertificateShare>>();
        for (const key of new Set(windows.map((w) => `${w.offset}:${w.limit}`))) {
          const [offset, limit] = key.split(':').map(Number);
          const chainIds = [...new Set(windows.filter((w) => `${w.offset}:${w.limit}` === key).map((w) => w.chainId))];
          for (const [chainId, page] of await shareLogPages(em, chainIds, offset, limit))
            pages.set(`${chainId}:${key}`, page);
        }
        return windows.map((w) => pages.get(`${w.chainId}:${w.offset}:${w.limit}`)!);
      },
      { cacheKeyFn: (w) => `${w.chainId}:${w.offset}:${w.limit}` },
    ),
    recordView: new DataLoader(
      async (certificates) => {
        await writeShares(em, caller, certificates, CertificateShareAction.VIEW);
        return certificates.map(() => true as const);
      },
      { cacheKeyFn: (c) => c.id },
    ),
  };
}

/** One page of each chain's share log, newest first, with each chain's total (pages past the end included). */
async function shareLogPages(
  em: EntityManager,
  chainIds: string[],
  offset: number,
  limit: number,
): Promise<Map<string, Page<DrawingReviewCertificateShare>>> {
  const chains = pgArray(chainIds);
  const rows: (Record<string, unknown> & { chain_id: string })[] = await em.getConnection().execute(
    `select * from (
       select s.*, row_number() over (partition by s.chain_id order by s.at desc, s.id desc) as rn
         from "projects"."drawing_review_certificate_share" s where s.chain_id = any(?::uuid[])
     ) ranked where rn > ? and rn <= ? order by chain_id, rn`,
    [chains, offset, offset + limit],
  );
  const counts: { chain_id: string; n: string | number }[] = await em
    .getConnection()
    .execute(
      `select chain_id, count(*) as n from "projects"."drawing_review_certificate_share" where chain_id = any(?::uuid[]) group by chain_id`,
      [chains],
    );
  const totals = new Map(counts.map((c) => [c.chain_id, Number(c.n)]));
  return new Map(
    chainIds.map((chainId) => [
      chainId,
      {
        items: rows.filter((r) => r.chain_id === chainId).map((r) => em.map(DrawingReviewCertificateShare, r)),
        total: totals.get(chainId) ?? 0,
        page: Math.floor(offset / limit) + 1,
        pageSize: limit,
      },
    ]),
  );
}

/** Share-log rows for `certificates` by the caller, in one INSERT. */
export async function writeShares(
  em: EntityManager,
  caller: Caller | null,
  certificates: readonly DrawingReviewCertificate[],
  action: CertificateShareAction,
): Promise<void> {
  if (!caller || certificates.length === 0) return;
  const at = new Date();
  await em.insertMany(
    DrawingReviewCertificateShare,
    certificates.map((c) => ({
      id: randomUUID(),
      certificate: c.id,
      chainId: c.chainId,
      action,
      userId: isUuid(caller.userId) ? caller.userId : null,
      userName: Array.from(caller.displayName || caller.username)
        .slice(0, 50)
        .join(''),
      departmentId: caller.departmentId && isUuid(caller.departmentId) ? caller.departmentId : null,
      at,
    })) as never,
  );
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

function checkFilter(filter: DrawingReviewCertificateFilter | null | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const keyword = cleanText(filter?.keyword);
  if (keyword && Array.from(keyword).length > 50)
    issues.push({ field: 'filter.keyword', message: '关键字不能超过50个字' });
  if (filter?.projectId != null && !isUuid(filter.projectId))
    issues.push({ field: 'filter.projectId', message: '工程项目标识无效' });
  if (filter?.districtCode != null) {
    const division = checkDivision(filter.districtCode);
    if (!division.ok) issues.push({ field: 'filter.districtCode', message: division.reason });
  }
  for (const key of ['reviewDateFrom', 'reviewDateTo'] as const) {
    const value = filter?.[key];
    if (value != null && !isIsoDate(value))
      issues.push({ field: `filter.${key}`, message: '日期格式应为 YYYY-MM-DD 且为有效日期' });
  }
  if (filter?.reviewDateFrom && filter.reviewDateTo && filter.reviewDateFrom > filter.reviewDateTo)
    issues.push({ field: 'filter.reviewDateTo', message: '审查日期止不能早于审查日期起' });
  if (filter?.status === DrawingReviewCertificateStatus.SUPERSEDED)
    issues.push({ field: 'filter.status', message: '列表只列各合格书的最新版本；历史版本请在合格书详情中查看' });
  return issues;
}

/** The latest version of each chain matching `filter`, under the caller's scope (and, for a batch, only `ids`). */
export function certificateListWhere(
  em: EntityManager,
  caller: Caller | null,
  filter: DrawingReviewCertificateFilter | null | undefined,
  ids?: readonly string[] | null,
): FilterQuery<DrawingReviewCertificate> {
  throwIssues(checkFilter(filter));
  const and: FilterQuery<DrawingReviewCertificate>[] = [{ latest: true }];
  const keyword = cleanText(filter?.keyword);
  if (keyword) {
    const like = likeContains(keyword);
    and.push({ $or: [{ certificateNo: { $ilike: like } }, { reviewAgency: { $ilike: like } }] });
  }
  if (filter?.projectId) and.push({ project: filter.projectId });
  const district = filter?.districtCode ? checkDivision(filter.districtCode) : null;
  if (district?.ok && district.value !== HUANGSHI_CITY_CODE) {
    const inDistrict = em
      .createQueryBuilder(Project, 'dp')
      .select('dp.id')
      .where({ district: district.value })
      .getKnexQuery();
    and.push({ project: { $in: inDistrict as never } });
  }
  if (filter?.status) and.push({ status: filter.status });
  if (filter?.conclusion) and.push({ conclusion: filter.conclusion });
  if (filter?.discipline) and.push({ disciplines: { $contains: [filter.discipline] } } as never);
  if (filter?.reviewDateFrom) and.push({ reviewDate: { $gte: filter.reviewDateFrom } });
  if (filter?.reviewDateTo) and.push({ reviewDate: { $lte: filter.reviewDateTo } });
  if (ids) and.push({ id: { $in: batchIds(ids) } });
  return scoped(em, caller, { $and: and });
}

/** Each sortable column has an index (Migration20261203000000DrawingReviewCertificates); newest review first. */
export const certificateOrder = (sort: Sort<DrawingReviewCertificateSortField> | null | undefined) =>
  orderByOf(
    sort,
    {
      [DrawingReviewCertificateSortField.CERTIFICATE_NO]: (d) => ({ certificateNo: d }),
      [DrawingReviewCertificateSortField.REVIEW_AGENCY]: (d) => ({ reviewAgency: d }),
      [DrawingReviewCertificateSortField.REVIEW_DATE]: (d) => ({ reviewDate: d }),
      [DrawingReviewCertificateSortField.VALID_UNTIL]: (d) => ({ validUntil: d }),
      [DrawingReviewCertificateSortField.STATUS]: (d) => ({ status: d }),
      [DrawingReviewCertificateSortField.CREATED_AT]: (d) => ({ createdAt: d }),
    },
    [{ reviewDate: 'desc' }],
  );

/** A page of certificates: two queries (count + page), whatever the filter. */
export async function listCertificates(
  em: EntityManager,
  caller: Caller | null,
  filter: DrawingReviewCertificateFilter | null | undefined,
  page: PageInput | null | undefined,
  sort?: Sort<DrawingReviewCertificateSortField> | null,
): Promise<Page<DrawingReviewCertificate>> {
  const window = pageWindow(page);
  const [items, total] = await em.findAndCount(DrawingReviewCertificate, certificateListWhere(em, caller, filter), {
    limit: window.limit,
    offset: window.offset,
    orderBy: certificateOrder(sort) as never,
  });
  return { items, total, page: window.page, pageSize: window.pageSize };
}

/** The newest version of the chain that holds this number, within scope. */
export async function findCertificateByNumber(
  em: EntityManager,
  caller: Caller | null,
  rawNumber: string,
): Promise<DrawingReviewCertificate> {
  const number = cleanCode(rawNumber);
  if (!number) throw badInput('请输入合格书编号', 'certificateNo');
  const registered = await em.findOne(DrawingReviewCertificateNumber, { certificateNo: number });
  const found = registered
    ? await em.findOne(DrawingReviewCertificate, scoped(em, caller, { chainId: registered.chainId, latest: true }))
    : null;
  if (!found) throw notFound('施工图联合审查合格书');
  return found;
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

type Fields = Omit<ReissueDrawingReviewCertificateInput, 'reason'>;

/** The input as it will be stored: text as typed (NFC), codes and dates NFKC, the disciplines in order. */
export function draftOf(input: Fields): CertificateDraft {
  const creditCode = cleanCode(input.reviewAgencyCreditCode);
  const checkedCode = creditCode ? checkCreditCode(creditCode) : null;
  return {
    certificateNo: cleanCode(input.certificateNo),
    reviewAgency: cleanText(input.reviewAgency),
    reviewAgencyCreditCode: checkedCode?.ok ? checkedCode.value : creditCode,
    reviewDate: cleanCode(input.reviewDate),
    disciplines: orderedDisciplines(input.disciplines ?? []),
    conclusion: input.conclusion ?? null,
    validFrom: cleanCode(input.validFrom),
    validUntil: cleanCode(input.validUntil),
    fileSha256: cleanCode(input.fileSha256)?.toLowerCase() ?? null,
  };
}

async function checkedDraft(
  em: EntityManager,
  input: Fields,
  now: Date,
  extra: FieldIssue[] = [],
): Promise<CertificateDraft> {
  const draft = draftOf(input);
  const issues = [...checkCertificateDraft(draft, chinaDate(now)), ...extra];
  if (issues.length === 0 && draft.fileSha256) {
    const file = await em.findOne(StoredFile, { sha256: draft.fileSha256 });
    if (!file) issues.push({ field: 'fileSha256', message: '合格书文件未上传或上传未完成，请重新上传' });
    else if (!CERTIFICATE_FILE_TYPES.includes(file.mimeType))
      issues.push({
        field: 'fileSha256',
        message: `该文件不能作为合格书（类型为 ${file.mimeType}），请上传 PDF 或图片`,
      });
  }
  throwIssues(issues);
  return draft;
}

function apply(certificate: DrawingReviewCertificate, draft: CertificateDraft, em: EntityManager): void {
  certificate.certificateNo = draft.certificateNo!;
  certificate.reviewAgency = draft.reviewAgency!;
  certificate.reviewAgencyCreditCode = draft.reviewAgencyCreditCode;
  certificate.reviewDate = draft.reviewDate!;
  certificate.disciplines = draft.disciplines;
  certificate.conclusion = draft.conclusion!;
  certificate.validFrom = draft.validFrom;
  certificate.validUntil = draft.validUntil;
  certificate.file = em.getReference(StoredFile, draft.fileSha256!);
}

const numberTaken = (number: string) =>
  conflict(`合格书编号 ${number} 已被另一份合格书使用；同一份合格书换发时请在该合格书上操作`, 'certificateNo');

/** Registers `number` for `chainId`, or refuses when another chain holds it. */
async function claimNumber(em: EntityManager, number: string, chainId: string): Promise<void> {
  const rows: { chain_id: string }[] = await em.getConnection().execute(
    `insert into "projects"."drawing_review_certificate_number" ("certificate_no", "chain_id", "created_at")
         values (?, ?, now()) on conflict ("certificate_no") do update set "certificate_no" = excluded."certificate_no"
         returning "chain_id"`,
    [number, chainId],
    'all',
    em.getTransactionContext(),
  );
  if (rows[0]?.chain_id !== chainId) throw numberTaken(number);
}

const asNumberConflict = (number: string | null) => (error: unknown) => {
  if (error instanceof UniqueConstraintViolationException && number) throw numberTaken(number);
  throw error;
};

const stampOf = (caller: Caller) => ({
  id: isUuid(caller.userId) ? caller.userId : null,
  name: Array.from(caller.displayName || caller.username)
    .slice(0, 50)
    .join(''),
});

/** 1.1.1 上传: version 1 of a new chain on a project the caller may see. */
export async function addCertificate(
  em: EntityManager,
  caller: Caller,
  input: AddDrawingReviewCertificateInput,
  now = new Date(),
): Promise<DrawingReviewCertificate> {
  if (!isUuid(input.projectId)) throw notFound('工程项目');
  if ((await em.count(Project, scopedProject(em, caller, input.projectId))) === 0) throw notFound('工程项目');
  const draft = await checkedDraft(em, input, now);
  const stamp = stampOf(caller);
  return em
    .transactional(async (tx) => {
      const certificate = tx.create(DrawingReviewCertificate, {
        project: tx.getReference(Project, input.projectId),
        chainId: '',
        version: 1,
        createdById: stamp.id,
        createdByName: stamp.name,
        createdAt: now,
      } as never);
      certificate.chainId = certificate.id;
      apply(certificate, draft, tx);
      await claimNumber(tx, draft.certificateNo!, certificate.chainId);
      await tx.flush();
      await enqueueDrawingReview(tx, certificate, DrawingReviewPushEvent.ISSUED, now);
      return certificate;
    })
    .catch(asNumberConflict(draft.certificateNo));
}

function scopedProject(em: EntityManager, caller: Caller, id: string): FilterQuery<Project> {
  const scope = projectScopeFilter(em, caller);
  return scope ? ({ $and: [{ id }, scope] } as FilterQuery<Project>) : { id };
}

/** Before anything else is checked: out of scope reads as not there, whatever the input. */
async function assertVisible(em: EntityManager, caller: Caller, id: string): Promise<void> {
  const visible = isUuid(id) && (await em.count(DrawingReviewCertificate, scoped(em, caller, { id }))) > 0;
  if (!visible) throw notFound('施工图联合审查合格书');
}

/** The newest version, locked; refuses history and revoked ones with the reason. */
async function lockLatest(tx: EntityManager, id: string, doing: string) {
  const certificate = await tx.findOneOrFail(
    DrawingReviewCertificate,
    { id },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!certificate.latest)
    throw conflict(`这是已被换发的历史版本（第 ${certificate.version} 版），只能${doing}最新版本`);
  if (certificate.status === DrawingReviewCertificateStatus.REVOKED)
    throw conflict(`该合格书已于 ${chinaDate(certificate.revokedAt ?? new Date())} 撤销，不能${doing}`);
  return certificate;
}

/** 换发: a new version supersedes the current one, which stays as read-only history. */
export async function reissueCertificate(
  em: EntityManager,
  caller: Caller,
  id: string,
  input: ReissueDrawingReviewCertificateInput,
  now = new Date(),
): Promise<DrawingReviewCertificate> {
  await assertVisible(em, caller, id);
  const reason = cleanText(input.reason);
  const draft = await checkedDraft(em, input, now, checkReason('reason', '换发原因', reason));
  const stamp = stampOf(caller);
  return em
    .transactional(async (tx) => {
      const current = await lockLatest(tx, id, '换发');
      await claimNumber(tx, draft.certificateNo!, current.chainId);
      current.latest = false;
      current.status = DrawingReviewCertificateStatus.SUPERSEDED;
      current.supersededAt = now;
      await tx.flush();
      const next = tx.create(DrawingReviewCertificate, {
        project: current.project,
        chainId: current.chainId,
        version: current.version + 1,
        reissueReason: reason,
        createdById: stamp.id,
        createdByName: stamp.name,
        createdAt: now,
      } as never);
      apply(next, draft, tx);
      await tx.flush();
      await enqueueDrawingReview(tx, next, DrawingReviewPushEvent.REISSUED, now, current);
      return next;
    })
    .catch(asNumberConflict(draft.certificateNo));
}

/** 撤销 with a reason: the chain stays (every version readable), marked revoked; nothing is deleted. */
export async function revokeCertificate(
  em: EntityManager,
  caller: Caller,
  id: string,
  rawReason: string,
  now = new Date(),
): Promise<DrawingReviewCertificate> {
  await assertVisible(em, caller, id);
  const reason = cleanText(rawReason);
  throwIssues(checkReason('reason', '撤销原因', reason));
  const stamp = stampOf(caller);
  return em.transactional(async (tx) => {
    const current = await lockLatest(tx, id, '撤销');
    current.status = DrawingReviewCertificateStatus.REVOKED;
    current.revokedAt = now;
    current.revokedById = stamp.id;
    current.revokedByName = stamp.name;
    current.revokeReason = reason;
    await tx.flush();
    await enqueueDrawingReview(tx, current, DrawingReviewPushEvent.REVOKED, now);
    return current;
  });
}
