import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { FireContext } from '../context.js';
import { FireInspectionFilter } from '../inspections/inspection.inputs.js';
import { FirePermission } from '../permissions.js';
import { type ExportFile, exportInspections, exportRecord, exportResults } from './export.service.js';

export enum ExportFormatEnum {
  XLSX = 'XLSX',
  DOCX = 'DOCX',
}

registerEnumType(ExportFormatEnum, {
  name: 'FireExportFormat',
  description: '导出格式',
  valuesConfig: { XLSX: { description: 'Excel 表格（.xlsx）' }, DOCX: { description: 'Word 文档（.docx）' } },
});

@ObjectType('FireExportFile', { description: '导出的文件（base64）' })
export class ExportFileType {
  @Field(() => String)
  filename!: string;

  @Field(() => String)
  mimeType!: string;

  @Field(() => String, { description: '文件内容（base64）' })
  base64!: string;

  @Field(() => Int, { description: '导出的记录条数' })
  rowCount!: number;
}

@Resolver()
export class ExportResolver {
  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => ExportFileType, { description: '1.3.9 导出抽查项目列表（按筛选条件与数据权限，最多 5000 条）' })
  exportInspections(
    @Arg('filter', () => FireInspectionFilter, { nullable: true }) filter: FireInspectionFilter | null,
    @Arg('format', () => ExportFormatEnum) format: ExportFormatEnum,
    @Ctx() ctx: FireContext,
  ): Promise<ExportFile> {
    return exportInspections(ctx.em, ctx.caller, filter, format, ctx.runtime);
  }

  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => ExportFileType, { description: '1.3.9 导出抽查结果列表（所筛选项目的全部结果，最多 5000 条）' })
  exportInspectionResults(
    @Arg('filter', () => FireInspectionFilter, { nullable: true }) filter: FireInspectionFilter | null,
    @Arg('format', () => ExportFormatEnum) format: ExportFormatEnum,
    @Ctx() ctx: FireContext,
  ): Promise<ExportFile> {
    return exportResults(ctx.em, ctx.caller, filter, format, ctx.runtime);
  }

  @Authorized(FirePermission.INSPECTION_VIEW)
  @Query(() => ExportFileType, {
    description: '1.3.9 导出一个项目的完整抽查记录：基本信息、楼栋楼层、随机方案（含作废的）、结果、签名',
  })
  exportInspectionRecord(
    @Arg('id', () => ID) id: string,
    @Arg('format', () => ExportFormatEnum) format: ExportFormatEnum,
    @Ctx() ctx: FireContext,
  ): Promise<ExportFile> {
    return exportRecord(ctx.em, ctx.caller, id, format, ctx.runtime);
  }
}
