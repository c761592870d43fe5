import {
  batchesOf,
  chinaDateTime,
  cleanText,
  findHuangshiDivision,
  HUANGSHI_DIVISIONS,
  type Caller,
  type DownloadDefinition,
  type ImportColumn,
  type ImportDefinition,
  importTemplateDownload,
  listDownload,
  type RowProblem,
  type Sort,
} from '@hs/kit';
import type { ProjectsContext } from '../context.js';
import { Enterprise } from './enterprise.entity.js';
import type { EnterpriseFilter, EnterpriseSortField } from './enterprise.inputs.js';
import { checkEnterprise, type CheckedEnterprise } from './enterprise.rules.js';
import { enterpriseOrder, enterpriseWhere } from './enterprise.service.js';

export const ENTERPRISES_EXPORT = 'enterprises';
export const ENTERPRISES_TEMPLATE = 'enterprises-template';
export const ENTERPRISE_LIST_TITLE = '企业列表';
export const ENTERPRISE_IMPORT_TITLE = '企业导入';

export interface EnterpriseListArgs {
  filter?: EnterpriseFilter | null;
  sort?: Sort<EnterpriseSortField> | null;
  ids?: string[] | null;
}

/** 黄石市's districts by name; a registration elsewhere shows its code, as the list does. */
const districtName = (code: string) => findHuangshiDivision(code)?.name ?? code;

function subtitleOf(caller: Caller | null, args: EnterpriseListArgs): string {
  const parts: string[] = [];
  const keyword = cleanText(args.filter?.keyword);
  if (keyword) parts.push(`关键字“${keyword}”`);
  if (args.filter?.districtCode) parts.push(`注册地 ${districtName(args.filter.districtCode)}`);
  if (args.ids) parts.push(`所选 ${new Set(args.ids).size} 家企业`);
  const what = parts.length ? `筛选条件：${parts.join('；')}` : '全部企业';
  // Ideographic spaces: the line reads as three fields in a Chinese page footer.
  return [what, `导出人：${caller?.displayName ?? ''}`, `导出时间：${chinaDateTime(new Date())}`].join('\u3000');
}

/** 企业列表 as the list shows it (registry data: the same for every caller with ENTERPRISE_VIEW). */
const enterprisesExport = listDownload<ProjectsContext, Enterprise, EnterpriseListArgs>({
  sheet: (ctx, args) => ({
    title: ENTERPRISE_LIST_TITLE,
    subtitle: subtitleOf(ctx.caller, args),
    columns: [
      { header: '企业名称', value: (e) => e.name },
      { header: '统一社会信用代码', value: (e) => e.creditCode },
      { header: '注册地', value: (e) => districtName(e.districtCode) },
      { header: '法定代表人', value: (e) => e.legalRepresentative },
      { header: '主要资质', value: (e) => e.qualifications.map((q) => `${q.name}${q.grade}`).join('；') },
      { header: '注册地址', value: (e) => e.registeredAddress },
    ],
  }),
  batches(ctx, args) {
    const where = enterpriseWhere(args.filter, args.ids);
    return batchesOf(ctx, (offset, limit) =>
      ctx.em.find(Enterprise, where, {
        orderBy: enterpriseOrder(args.sort) as never,
        offset,
        limit,
        populate: ['qualifications'],
      }),
    );
  },
});

export const ENTERPRISE_IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    required: true,
    example: '91420200MA49B7XU5U',
    note: '18 位，校验位须正确；请把该列设为文本格式',
  },
  { key: 'name', header: '企业名称', required: true, example: '黄石市某某建设工程有限公司' },
  {
    key: 'district',
    header: '注册地',
    required: true,
    example: '黄石港区',
    note: '黄石市所辖区县名称，或 6 位行政区划代码（GB/T 2260，黄石市外的企业填代码，如 420100）',
  },
  { key: 'legalRepresentative', header: '法定代表人', example: '张三' },
  { key: 'registeredAddress', header: '注册地址', example: '黄石市黄石港区某某路1号' },
];

const COLUMN_OF_FIELD: Record<string, string> = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  districtCode: '注册地',
  legalRepresentative: '法定代表人',
  registeredAddress: '注册地址',
};

const divisionByName = new Map(HUANGSHI_DIVISIONS.map((d) => [d.name, d.code]));

/**
 * 企业导入: every row checked as 新增企业 checks one enterprise (统一社会信用代码 with its check
 * digit, name and address lengths, a valid GB/T 2260 registration district), none registered
 * twice in the file or already in the registry; then all are created in one transaction.
 * Qualifications are entered on the enterprise's page afterwards, not imported.
 */
export const enterpriseImport: ImportDefinition<ProjectsContext, CheckedEnterprise> = {
  title: ENTERPRISE_IMPORT_TITLE,
  columns: ENTERPRISE_IMPORT_COLUMNS,
  async check(ctx, rows) {
    const problems: RowProblem[] = [];
    const seen = new Map<string, number>();
    const candidates: { row: number; record: CheckedEnterprise }[] = [];
    for (const { row, values } of rows) {
      const districtCode = divisionByName.get(values.district) ?? values.district;
      const { value, issues } = checkEnterprise({
        creditCode: values.creditCode,
        name: values.name,
        registeredAddress: values.registeredAddress || null,
        legalRepresentative: values.legalRepresentative || null,
        districtCode,
        qualifications: [],
      });
      const rowProblems: RowProblem[] = issues.map((issue) => ({
        row,
        column: COLUMN_OF_FIELD[issue.field] ?? null,
        message:
          issue.field === 'districtCode' && !/\d/.test(districtCode)
            ? `注册地“${values.district}”不是黄石市所辖区县的名称；黄石市外的企业请填写 6 位行政区划代码`
            : issue.message,
      }));
      if (value) {
        const earlier = seen.get(value.creditCode);
        if (earlier) rowProblems.push({ row, column: '统一社会信用代码', message: `与第 ${earlier} 行重复` });
        else seen.set(value.creditCode, row);
      }
      problems.push(...rowProblems);
      if (rowProblems.length === 0) candidates.push({ row, record: value! });
    }
    const registered = candidates.length
      ? await ctx.em.find(
          Enterprise,
          { creditCode: { $in: candidates.map((c) => c.record.creditCode) } },
          { fields: ['creditCode', 'name'] },
        )
      : [];
    const byCode = new Map(registered.map((e) => [e.creditCode, e.name]));
    const records: CheckedEnterprise[] = [];
    for (const { row, record } of candidates) {
      const existing = byCode.get(record.creditCode);
      if (existing !== undefined) {
        problems.push({
          row,
          column: '统一社会信用代码',
          message: `统一社会信用代码 ${record.creditCode} 已登记（${existing}）`,
        });
      } else records.push(record);
    }
    return { records, problems };
  },
  async apply(ctx, records) {
    for (const { qualifications: _none, ...record } of records) ctx.em.create(Enterprise, record);
    await ctx.em.flush();
    return { created: records.length, updated: 0 };
  },
};

export const enterpriseDownloads: Record<string, DownloadDefinition<ProjectsContext>> = {
  [ENTERPRISES_EXPORT]: enterprisesExport,
  [ENTERPRISES_TEMPLATE]: importTemplateDownload({
    title: ENTERPRISE_IMPORT_TITLE,
    columns: ENTERPRISE_IMPORT_COLUMNS,
  }),
};
