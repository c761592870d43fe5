import {
  batchesOf,
  chinaDateTime,
  checkCreditCode,
  cleanCode,
  cleanText,
  type Caller,
  type DownloadDefinition,
  type FieldIssue,
  type ImportColumn,
  type ImportDefinition,
  type ImportRow,
  importTemplateDownload,
  listDownload,
  type RowProblem,
  type Sort,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GeoPoint } from '../common/geo-point.js';
import type { ProjectsContext } from '../context.js';
import { District, DistrictKind } from '../districts/district.entity.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { ProjectUnit } from './project-unit.entity.js';
import { Project } from './project.entity.js';
import {
  PROJECT_STATUS_LABELS,
  PROJECT_TYPE_LABELS,
  ProjectStatus,
  ProjectType,
  UNIT_ROLE_LABELS,
  UNIT_ROLE_ORDER,
  UnitRole,
} from './project.enums.js';
import type { ProjectFilter, ProjectSortField } from './project.inputs.js';
import {
  checkLocationInDistrict,
  checkProjectFields,
  checkUnits,
  normaliseCode,
  type ProjectDraft,
} from './project.rules.js';
import { applyDraft, createUnits, mayRegisterIn, projectListWhere, projectOrder } from './project.service.js';

export const PROJECTS_EXPORT = 'projects';
export const PROJECTS_TEMPLATE = 'projects-template';
export const PROJECT_LIST_TITLE = '工程项目列表';
export const PROJECT_IMPORT_TITLE = '工程项目导入';

export interface ProjectListArgs {
  filter?: ProjectFilter | null;
  sort?: Sort<ProjectSortField> | null;
  ids?: string[] | null;
}

interface ProjectRow {
  project: Project;
  district: string;
  builder: string;
  generalContractor: string;
}

/** One line under the title: the filter as the page showed it, who exported and when. */
async function subtitleOf(em: EntityManager, caller: Caller | null, args: ProjectListArgs): Promise<string> {
  const filter = args.filter ?? {};
  const parts: string[] = [];
  const keyword = cleanText(filter.keyword);
  if (keyword) parts.push(`关键字“${keyword}”`);
  if (filter.districtCode) {
    const district = await em.findOne(District, { code: filter.districtCode }, { fields: ['name'] });
    parts.push(`区县 ${district?.name ?? filter.districtCode}`);
  }
  if (filter.type) parts.push(`类别 ${PROJECT_TYPE_LABELS[filter.type]}`);
  if (filter.status) parts.push(`状态 ${PROJECT_STATUS_LABELS[filter.status]}`);
  if (filter.enterpriseId) {
    const enterprise = await em.findOne(Enterprise, { id: filter.enterpriseId }, { fields: ['name'] });
    parts.push(`参建企业 ${enterprise?.name ?? ''}`);
  }
  if (filter.unitRole) parts.push(`参建身份 ${UNIT_ROLE_LABELS[filter.unitRole]}`);
  if (filter.startDateFrom || filter.startDateTo)
    parts.push(`开工日期 ${filter.startDateFrom ?? ''}～${filter.startDateTo ?? ''}`);
  if (args.ids) parts.push(`所选 ${new Set(args.ids).size} 个项目`);
  const what = parts.length ? `筛选条件：${parts.join('；')}` : '全部项目';
  // Ideographic spaces: the line reads as three fields in a Chinese page footer.
  return [what, `导出人：${caller?.displayName ?? ''}`, `导出时间：${chinaDateTime(new Date())}`].join('\u3000');
}

const enterpriseNames = (units: ProjectUnit[], projectId: string, role: UnitRole) =>
  units
    .filter((u) => u.project.id === projectId && u.role === role)
    .sort((a, b) => a.position - b.position)
    .map((u) => u.enterprise.name)
    .join('、');

/** 工程项目列表 as the list shows it, within the caller's data scope. */
const projectsExport = listDownload<ProjectsContext, ProjectRow, ProjectListArgs>({
  sheet: async (ctx, args) => ({
    title: PROJECT_LIST_TITLE,
    subtitle: await subtitleOf(ctx.em, ctx.caller, args),
    columns: [
      { header: '项目名称', value: (r) => r.project.name },
      { header: '湖北省工建码', value: (r) => r.project.projectCode },
      { header: '施工许可证编码', value: (r) => r.project.permitCode },
      { header: '所在区县', value: (r) => r.district },
      { header: '项目类别', value: (r) => PROJECT_TYPE_LABELS[r.project.type] },
      { header: '项目状态', value: (r) => PROJECT_STATUS_LABELS[r.project.status] },
      { header: '建设单位', value: (r) => r.builder },
      { header: '施工总包单位', value: (r) => r.generalContractor },
      { header: '工程地址', value: (r) => r.project.address },
      { header: '开工日期', value: (r) => r.project.startDate },
    ],
  }),
  async *batches(ctx, args) {
    const where = projectListWhere(ctx.em, ctx.caller, args.filter, args.ids);
    const districts = new Map(
      (await ctx.em.find(District, {}, { fields: ['code', 'name'] })).map((d) => [d.code, d.name]),
    );
    const batches = batchesOf(ctx, (offset, limit) =>
      ctx.em.find(Project, where, { orderBy: projectOrder(args.sort) as never, offset, limit }),
    );
    for await (const projects of batches) {
      const units = await ctx.em.find(
        ProjectUnit,
        { project: { $in: projects.map((p) => p.id) }, role: { $in: [UnitRole.BUILDER, UnitRole.GENERAL_CONTRACTOR] } },
        { populate: ['enterprise'] },
      );
      yield projects.map((project) => ({
        project,
        district: districts.get(project.district.code) ?? project.district.code,
        builder: enterpriseNames(units, project.id, UnitRole.BUILDER),
        generalContractor: enterpriseNames(units, project.id, UnitRole.GENERAL_CONTRACTOR),
      }));
    }
  },
});

const COUNTY_LEVEL = ['黄石港区', '西塞山区', '下陆区', '铁山区', '阳新县', '大冶市'];
const UNIT_NOTE = '企业的统一社会信用代码（或企业全称），企业须已在企业库中登记；联合体的多个单位用“、”分隔';

export const PROJECT_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', header: '项目名称', required: true, example: '黄石市第一中学新校区建设项目' },
  {
    key: 'projectCode',
    header: '湖北省工建码',
    example: '42028120260000123',
    note: '17 位数字（区划代码 + 年份 + 顺序号）；与施工许可证编码至少填写一项；请把该列设为文本格式',
  },
  {
    key: 'permitCode',
    header: '施工许可证编码',
    example: '420281202603150101',
    note: '18 位数字（区划代码 + 发证日期 + 顺序号）；请把该列设为文本格式',
  },
  { key: 'type', header: '项目类别', required: true, options: Object.values(PROJECT_TYPE_LABELS), example: '房屋建筑' },
  { key: 'district', header: '所在区县', required: true, options: COUNTY_LEVEL, example: '大冶市' },
  { key: 'address', header: '工程地址', required: true, example: '大冶市新冶大道100号' },
  { key: 'lng', header: '经度', required: true, example: '114.98', note: '项目位置须在所在区县范围内' },
  { key: 'lat', header: '纬度', required: true, example: '30.10' },
  {
    key: 'status',
    header: '项目状态',
    options: Object.values(PROJECT_STATUS_LABELS),
    note: '不填为“未开工”',
    example: '在建',
  },
  { key: 'startDate', header: '开工日期', example: '2026-03-15', note: 'YYYY-MM-DD；在建、停工、竣工的项目必填' },
  { key: 'plannedEndDate', header: '计划竣工日期', example: '2027-12-31', note: 'YYYY-MM-DD' },
  { key: 'completedDate', header: '实际竣工日期', note: 'YYYY-MM-DD；只有竣工项目填写，且必填' },
  { key: 'contractAmount', header: '合同金额（万元）', example: '12800' },
  { key: 'area', header: '建筑面积（平方米）', example: '45000' },
  ...UNIT_ROLE_ORDER.map((role) => ({ key: role, header: UNIT_ROLE_LABELS[role], note: UNIT_NOTE })),
];

/** Where each rule's issue is reported: the template's column of that field. */
const COLUMN_OF_FIELD: Record<string, string> = {
  projectCode: '湖北省工建码',
  permitCode: '施工许可证编码',
  name: '项目名称',
  districtCode: '所在区县',
  address: '工程地址',
  location: '经度',
  startDate: '开工日期',
  plannedEndDate: '计划竣工日期',
  completedDate: '实际竣工日期',
  contractAmount: '合同金额（万元）',
  area: '建筑面积（平方米）',
};

const typeByLabel = new Map(Object.entries(PROJECT_TYPE_LABELS).map(([k, v]) => [v, k as ProjectType]));
const statusByLabel = new Map(Object.entries(PROJECT_STATUS_LABELS).map(([k, v]) => [v, k as ProjectStatus]));

/** 2026/3/5, 2026.3.5 and 2026年3月5日 as typed into a text cell, as YYYY-MM-DD; anything else as it was. */
export function importDate(value: string): string | null {
  const text = cleanCode(value);
  if (!text) return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text;
}

/** A number as typed (thousands separators allowed), or undefined when it is not one. */
function importNumber(value: string): number | null | undefined {
  const text = cleanCode(value)?.replace(/,/g, '');
  if (!text) return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : undefined;
}

const CREDIT_CODE_SHAPE = /^[0-9A-Z]{15,20}$/;

type UnitEnterprise = Pick<Enterprise, 'id' | 'name' | 'creditCode'>;
const splitList = (value: string) =>
  value
    .split(/[、,，;；\n]/)
    .map((v) => v.trim())
    .filter(Boolean);

export interface ProjectRecord {
  draft: ProjectDraft;
  type: ProjectType;
  district: District;
  units: { enterpriseId: string; role: UnitRole; projectLeader: null }[];
}

interface Candidate {
  row: number;
  record: ProjectRecord;
}

/**
 * Finds the enterprises the unit columns name, by credit code (normalised, check digit verified) or
 * by full name when that is unique, in two queries for the whole file.
 */
async function unitResolver(em: EntityManager, rows: ImportRow[]) {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const { values } of rows) {
    for (const role of UNIT_ROLE_ORDER) {
      for (const item of splitList(values[role])) {
        const code = normaliseCode(item);
        if (CREDIT_CODE_SHAPE.test(code)) codes.add(code);
        else names.add(item);
      }
    }
  }
  const [byCode, byName] = await Promise.all([
    codes.size
      ? em.find(Enterprise, { creditCode: { $in: [...codes] } }, { fields: ['id', 'name', 'creditCode'] })
      : [],
    names.size ? em.find(Enterprise, { name: { $in: [...names] } }, { fields: ['id', 'name', 'creditCode'] }) : [],
  ]);
  const codeMap = new Map<string, UnitEnterprise>(byCode.map((e) => [e.creditCode, e]));
  const nameMap = new Map<string, UnitEnterprise[]>();
  for (const e of byName) nameMap.set(e.name, [...(nameMap.get(e.name) ?? []), e]);
  return (item: string, label: string): { enterprise: UnitEnterprise } | { problem: string } => {
    const code = normaliseCode(item);
    if (CREDIT_CODE_SHAPE.test(code)) {
      const checked = checkCreditCode(code);
      if (!checked.ok) return { problem: `${label}“${item}”：${checked.reason}` };
      const enterprise = codeMap.get(checked.value);
      return enterprise
        ? { enterprise }
        : { problem: `${label}（统一社会信用代码 ${checked.value}）未在企业库中登记，请先导入或新增该企业` };
    }
    const matches = nameMap.get(item) ?? [];
    if (matches.length === 1) return { enterprise: matches[0] };
    if (matches.length > 1) return { problem: `${label}“${item}”在企业库中有重名，请填写统一社会信用代码` };
    return { problem: `${label}“${item}”未在企业库中登记，请先导入或新增该企业` };
  };
}

/**
 * 工程项目导入: every row checked as 新增工程项目 checks one project — codes (shape, district, unused
 * in the file and in the database), name, dates and amounts, a district the caller may register in,
 * the location inside that district, and participating units that are registered enterprises —
 * then all are created in one transaction. `created` receives them, to be announced after commit.
 * Site fences (GeoJSON) are drawn on the map afterwards, not imported.
 */
export function projectImport(created: Project[]): ImportDefinition<ProjectsContext, ProjectRecord> {
  return {
    title: PROJECT_IMPORT_TITLE,
    columns: PROJECT_IMPORT_COLUMNS,
    async check(ctx, rows) {
      const caller = ctx.caller!;
      const problems: RowProblem[] = [];
      const districts = await ctx.em.find(District, {}, { populate: ['boundary'] });
      const districtByName = new Map(districts.map((d) => [d.name, d]));
      const resolveUnit = await unitResolver(ctx.em, rows);
      const seen = new Map<string, number>();
      const candidates: Candidate[] = [];
      for (const { row, values } of rows) {
        const rowProblems: RowProblem[] = [];
        const add = (column: string, message: string) => rowProblems.push({ row, column, message });
        const district = districtByName.get(values.district);
        if (!district || district.kind === DistrictKind.CITY)
          add('所在区县', `所在区县“${values.district}”不是黄石市所辖区县`);
        else if (!mayRegisterIn(caller, district.code))
          add('所在区县', `无权在${district.name}登记工程项目（不在您的数据权限范围内）`);
        const lng = importNumber(values.lng);
        const lat = importNumber(values.lat);
        if (lng === undefined) add('经度', '经度应为数字，如 114.98');
        if (lat === undefined) add('纬度', '纬度应为数字，如 30.10');
        const contractAmount = importNumber(values.contractAmount);
        const area = importNumber(values.area);
        if (contractAmount === undefined) add('合同金额（万元）', '合同金额（万元）应为数字');
        if (area === undefined) add('建筑面积（平方米）', '建筑面积（平方米）应为数字');
        const codeOf = (value: string) => (value ? normaliseCode(value) || null : null);
        const draft: ProjectDraft = {
          projectCode: codeOf(values.projectCode),
          permitCode: codeOf(values.permitCode),
          // The import template keeps its two code columns; the other codes come from the provincial lookup.
          investmentCode: null,
          provincialCode: null,
          name: cleanText(values.name),
          districtCode: district?.code ?? null,
          address: cleanText(values.address),
          location: lng != null && lat != null ? { lng, lat } : null,
          siteBoundary: null,
          status: statusByLabel.get(values.status) ?? ProjectStatus.PLANNED,
          startDate: importDate(values.startDate),
          plannedEndDate: importDate(values.plannedEndDate),
          completedDate: importDate(values.completedDate),
          contractAmount: contractAmount ?? null,
          area: area ?? null,
        };
        const fieldIssues: FieldIssue[] = checkProjectFields(draft).filter(
          // Already reported above, in the column that is wrong.
          (issue) => !(issue.field === 'districtCode' && !district) && !(issue.field === 'location' && !draft.location),
        );
        for (const issue of fieldIssues) add(COLUMN_OF_FIELD[issue.field] ?? '项目名称', issue.message);
        if (
          district &&
          district.kind !== DistrictKind.CITY &&
          draft.location &&
          !fieldIssues.some((i) => i.field === 'location')
        ) {
          const outside = checkLocationInDistrict(draft.location, district.name, district.boundary);
          if (outside) add('经度', outside.message);
        }
        const units: ProjectRecord['units'] = [];
        for (const role of UNIT_ROLE_ORDER) {
          for (const item of splitList(values[role])) {
            const found = resolveUnit(item, UNIT_ROLE_LABELS[role]);
            if ('problem' in found) add(UNIT_ROLE_LABELS[role], found.problem);
            else units.push({ enterpriseId: found.enterprise.id, role, projectLeader: null });
          }
        }
        for (const issue of checkUnits(units)) {
          const index = Number(/^units\.(\d+)\./.exec(issue.field)?.[1]);
          add(Number.isInteger(index) ? UNIT_ROLE_LABELS[units[index].role] : '建设单位', issue.message);
        }
        for (const [column, key] of [
          ['湖北省工建码', draft.projectCode && `c:${draft.projectCode}`],
          ['施工许可证编码', draft.permitCode && `p:${draft.permitCode}`],
        ] as const) {
          if (!key) continue;
          const earlier = seen.get(key);
          if (earlier) add(column, `与第 ${earlier} 行重复`);
          else seen.set(key, row);
        }
        problems.push(...rowProblems);
        if (rowProblems.length === 0) {
          candidates.push({ row, record: { draft, type: typeByLabel.get(values.type)!, district: district!, units } });
        }
      }
      const records: ProjectRecord[] = [];
      if (candidates.length) {
        const projectCodes = candidates.flatMap((c) =>
          c.record.draft.projectCode ? [c.record.draft.projectCode] : [],
        );
        const permitCodes = candidates.flatMap((c) => (c.record.draft.permitCode ? [c.record.draft.permitCode] : []));
        const taken = await ctx.em.find(
          Project,
          { $or: [{ projectCode: { $in: projectCodes } }, { permitCode: { $in: permitCodes } }] },
          { fields: ['projectCode', 'permitCode'] },
        );
        const takenCodes = new Set(taken.flatMap((p) => [`c:${p.projectCode}`, `p:${p.permitCode}`]));
        for (const { row, record } of candidates) {
          const clashes: RowProblem[] = [];
          const { projectCode, permitCode } = record.draft;
          if (projectCode && takenCodes.has(`c:${projectCode}`))
            clashes.push({ row, column: '湖北省工建码', message: `湖北省工建码 ${projectCode} 已被其他项目使用` });
          if (permitCode && takenCodes.has(`p:${permitCode}`))
            clashes.push({ row, column: '施工许可证编码', message: `施工许可证编码 ${permitCode} 已被其他项目使用` });
          if (clashes.length) problems.push(...clashes);
          else records.push(record);
        }
      }
      return { records, problems };
    },
    async apply(ctx, records) {
      const creator = ctx.caller?.userId ?? null;
      const enterprises = new Map<string, Enterprise>();
      for (const record of records) {
        const project = ctx.em.create(Project, {
          name: record.draft.name!,
          type: record.type,
          district: ctx.em.getReference(District, record.district.code),
          address: record.draft.address!,
          location: new GeoPoint(record.draft.location!.lng, record.draft.location!.lat),
          createdById: creator,
        });
        applyDraft(project, record.draft, ctx.em.getReference(District, record.district.code), null);
        for (const unit of record.units) {
          if (!enterprises.has(unit.enterpriseId))
            enterprises.set(unit.enterpriseId, ctx.em.getReference(Enterprise, unit.enterpriseId));
        }
        createUnits(ctx.em, project, record.units, enterprises);
        created.push(project);
      }
      await ctx.em.flush();
      return { created: records.length, updated: 0 };
    },
  };
}

export const projectDownloads: Record<string, DownloadDefinition<ProjectsContext>> = {
  [PROJECTS_EXPORT]: projectsExport,
  [PROJECTS_TEMPLATE]: importTemplateDownload({ title: PROJECT_IMPORT_TITLE, columns: PROJECT_IMPORT_COLUMNS }),
};
