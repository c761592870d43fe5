import { DownloadLink } from '@hs/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver, registerEnumType } from 'type-graphql';
import type { FireContext } from '../context.js';
import { FireInspectionFilter } from '../inspections/inspection.inputs.js';
import { FireInspectionSort, type FireInspectionSortInput } from '../inspections/inspection.sort.js';
import { FirePermission } from '../permissions.js';
import { exportInspectionList, exportRecord, exportResultList } from './export.service.js';

export enum ExportFormatEnum {
  XLSX = 'XLSX',
  DOCX = 'DOCX',
}

registerEnumType(ExportFormatEnum, {
  name: 'FireExportFormat',
  description: '导出格式',
  valuesConfig: { XLSX: { description: 'Excel 表格（.xlsx）' }, DOCX: { description: 'Word 文档（.docx）' } },
});

const IDS = '勾选的抽查项目 id：给出时只导出其中本账号数据范围内的项目（不再按 filter 筛选）';

/**
 * 1.3.9 exports (ADR 0013): mutations, so that the router's audit records who exported what; each
 * answers a 5-minute download link (/files/fire/download?t=…) and the file is written when it is opened.
 */
@Resolver()
export class ExportResolver {
  @Authorized(FirePermission.INSPECTION_VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '1.3.9 导出抽查项目库列表（按筛选条件或勾选、排序与数据权限；Excel 最多 50000 个项目，Word 最多 2000 个）',
  })
  exportFireInspections(
    @Arg('filter', () => FireInspectionFilter, { nullable: true }) filter: FireInspectionFilter | null,
    @Arg('sort', () => FireInspectionSort, { nullable: true }) sort: FireInspectionSortInput | null,
    @Arg('ids', () => [ID], { nullable: true, description: IDS }) ids: string[] | null,
    @Arg('format', () => ExportFormatEnum, { defaultValue: ExportFormatEnum.XLSX }) format: ExportFormatEnum,
    @Ctx() ctx: FireContext,
  ): Promise<DownloadLink> {
    return exportInspectionList(ctx, { filter, sort, ids }, format);
  }

  @Authorized(FirePermission.INSPECTION_VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '1.3.9 导出抽查结果列表：所筛选（或勾选）项目的全部结果，每条检查内容 × 部位一行；上限按项目个数计（最多 50000 个项目），文件可含大量结果行',
  })
  exportFireInspectionResults(
    @Arg('filter', () => FireInspectionFilter, { nullable: true }) filter: FireInspectionFilter | null,
    @Arg('sort', () => FireInspectionSort, { nullable: true }) sort: FireInspectionSortInput | null,
    @Arg('ids', () => [ID], { nullable: true, description: IDS }) ids: string[] | null,
    @Arg('format', () => ExportFormatEnum, { defaultValue: ExportFormatEnum.XLSX }) format: ExportFormatEnum,
    @Ctx() ctx: FireContext,
  ): Promise<DownloadLink> {
    return exportResultList(ctx, { filter, sort, ids }, format);
  }

  @Authorized(FirePermission.INSPECTION_VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '1.3.9 导出一个项目的完整抽查记录：基本信息、楼栋楼层、随机方案（含作废的）、结果、照片、签名（A4，可直接打印归档）',
  })
  exportFireInspectionRecord(
    @Arg('id', () => ID) id: string,
    @Arg('format', () => ExportFormatEnum) format: ExportFormatEnum,
    @Ctx() ctx: FireContext,
  ): Promise<DownloadLink> {
    return exportRecord(ctx, id, format);
  }
}
