import {
  batchesOf,
  chinaDate,
  type DownloadDefinition,
  findHuangshiDivision,
  listDownload,
  pgArray,
  type Sort,
} from '@hs/kit';
import type { SupervisionContext } from '../context.js';
import { INSPECTION_TYPE_NAMES, RECTIFICATION_NAMES, type SupervisionInspection } from './inspection.entity.js';
import type { InspectionFilter, SupervisionInspectionSortField } from './inspection.inputs.js';
import { inspectionsOrder, inspectionsWhere, inspectionsWindow } from './inspection.service.js';

export const INSPECTIONS_EXPORT = 'inspections';
export const INSPECTIONS_TITLE = '质量安全监督检查';

export interface InspectionListArgs {
  filter?: InspectionFilter | null;
  sort?: Sort<SupervisionInspectionSortField> | null;
  ids?: string[] | null;
}

interface InspectionRow {
  inspection: SupervisionInspection;
  outcome: string;
  level: string;
  /** 「一级 塔式起重机力矩限制器失效（逾期未整改）」, one per line. */
  problems: string;
}

const districtName = (code: string | null) => (code ? (findHuangshiDivision(code)?.name ?? code) : '');

/** 质量安全监督检查 as the page lists them, one row per inspection with its problems in one cell. */
const inspectionsExport = listDownload<SupervisionContext, InspectionRow, InspectionListArgs>({
  sheet: () => ({
    title: INSPECTIONS_TITLE,
    columns: [
      { header: '检查日期', value: (r) => r.inspection.inspectedOn },
      { header: '类型', value: (r) => INSPECTION_TYPE_NAMES[r.inspection.type] },
      { header: '工程项目', value: (r) => r.inspection.projectName ?? '' },
      { header: '关联情况', value: (r) => (r.inspection.projectId ? '已关联' : '未关联项目') },
      { header: '项目代码', value: (r) => r.inspection.projectCode },
      { header: '施工许可证编号', value: (r) => r.inspection.permitCode ?? '' },
      { header: '区县', value: (r) => districtName(r.inspection.districtCode) },
      { header: '监督人员', value: (r) => r.inspection.inspectors.join('、') },
      { header: '处理结果', value: (r) => r.outcome },
      { header: '最严重隐患等级', value: (r) => r.level },
      { header: '问题数', value: (r) => r.inspection.problemCount, numeric: true },
      { header: '未完成整改', value: (r) => r.inspection.openCount, numeric: true },
      { header: '最早整改期限', value: (r) => r.inspection.openDeadline ?? '' },
      { header: '问题及整改情况', value: (r) => r.problems },
      { header: '来源系统', value: (r) => r.inspection.provenance.sourceSystem },
      { header: '获取时间', value: (r) => r.inspection.provenance.fetchedAt },
    ],
  }),
  async *batches(ctx, args) {
    const where = inspectionsWhere(ctx.caller, args.filter, chinaDate(ctx.now()), args.ids);
    const order = inspectionsOrder(args.sort);
    const outcomes = await ctx.em.execute<{ code: string; name: string }[]>(
      `select code, name from supervision.inspection_outcome`,
    );
    const levels = await ctx.em.execute<{ level: number; name: string }[]>(
      `select level, name from supervision.hazard_level`,
    );
    const outcomeName = new Map(outcomes.map((o) => [o.code, o.name]));
    const levelName = new Map(levels.map((l) => [Number(l.level), l.name]));
    for await (const page of batchesOf(ctx, (offset, limit) =>
      inspectionsWindow(ctx.em, where, order, limit, offset),
    )) {
      const problems = await ctx.em.execute<
        { inspection_id: string; seq: number; description: string; risk_level: number; rectification_status: string }[]
      >(
        `select inspection_id, seq, description, risk_level, rectification_status from supervision.problem
          where inspection_id = any(?::uuid[]) order by inspection_id, seq`,
        [pgArray(page.map((i) => i.id))],
      );
      const byInspection = new Map<string, string[]>();
      for (const p of problems) {
        const line = `${levelName.get(Number(p.risk_level)) ?? p.risk_level} ${p.description}（${RECTIFICATION_NAMES[p.rectification_status as keyof typeof RECTIFICATION_NAMES] ?? p.rectification_status}）`;
        byInspection.set(p.inspection_id, [...(byInspection.get(p.inspection_id) ?? []), line]);
      }
      yield page.map((inspection) => ({
        inspection,
        outcome: outcomeName.get(inspection.outcome) ?? inspection.outcome,
        level:
          inspection.maxRiskLevel === null
            ? ''
            : (levelName.get(inspection.maxRiskLevel) ?? String(inspection.maxRiskLevel)),
        problems: (byInspection.get(inspection.id) ?? []).join('\n'),
      }));
    }
  },
});

export const inspectionDownloads: Record<string, DownloadDefinition<SupervisionContext>> = {
  [INSPECTIONS_EXPORT]: inspectionsExport,
};
