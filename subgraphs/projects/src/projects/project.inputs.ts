import { SortOf } from '@hs/kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import { GeoPointInput } from '../common/geo-point.js';
import { ProjectStatus, ProjectType, UnitRole } from './project.enums.js';

@InputType('ProjectUnitInput', { description: '参建单位' })
export class ProjectUnitInput {
  @Field(() => ID, { description: '企业 id' })
  enterpriseId!: string;

  @Field(() => UnitRole)
  role!: UnitRole;

  @Field(() => String, { nullable: true, description: '项目负责人姓名' })
  projectLeader?: string | null;
}

@InputType('CreateProjectInput', {
  description: '新增工程项目（工建码、施工许可证编码、项目代码、省级项目编号至少填写一项）',
})
export class CreateProjectInput {
  @Field(() => String, { nullable: true, description: '湖北省工建码（17 位）' })
  projectCode?: string | null;

  @Field(() => String, { nullable: true, description: '施工许可证编码（18 位）' })
  permitCode?: string | null;

  @Field(() => String, { nullable: true, description: '项目代码（24 位，如 2025-420202-47-01-123456）' })
  investmentCode?: string | null;

  @Field(() => String, { nullable: true, description: '省级项目编号' })
  provincialCode?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => ProjectType)
  type!: ProjectType;

  @Field(() => String, { description: '所在区县行政区划代码' })
  districtCode!: string;

  @Field(() => String)
  address!: string;

  @Field(() => GeoPointInput)
  location!: GeoPointInput;

  @Field(() => GraphQLJSON, { nullable: true, description: '电子围栏（GeoJSON Polygon）' })
  siteBoundary?: unknown;

  @Field(() => ProjectStatus, { nullable: true, description: '默认 PLANNED（未开工）' })
  status?: ProjectStatus | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  plannedEndDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  completedDate?: string | null;

  @Field(() => Float, { nullable: true, description: '合同金额（万元）' })
  contractAmount?: number | null;

  @Field(() => Float, { nullable: true, description: '建筑面积（平方米）' })
  area?: number | null;

  @Field(() => [ProjectUnitInput], { nullable: true, description: '参建单位' })
  units?: ProjectUnitInput[] | null;
}

/** Only the fields given change; an explicit null clears a nullable field. */
@InputType('UpdateProjectInput', { description: '修改工程项目（只修改传入的字段）' })
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  projectCode?: string | null;

  @Field(() => String, { nullable: true })
  permitCode?: string | null;

  @Field(() => String, { nullable: true })
  investmentCode?: string | null;

  @Field(() => String, { nullable: true })
  provincialCode?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ProjectType, { nullable: true })
  type?: ProjectType | null;

  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => GeoPointInput, { nullable: true })
  location?: GeoPointInput | null;

  @Field(() => GraphQLJSON, { nullable: true })
  siteBoundary?: unknown;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => String, { nullable: true })
  startDate?: string | null;

  @Field(() => String, { nullable: true })
  plannedEndDate?: string | null;

  @Field(() => String, { nullable: true })
  completedDate?: string | null;

  @Field(() => Float, { nullable: true })
  contractAmount?: number | null;

  @Field(() => Float, { nullable: true })
  area?: number | null;
}

@InputType('ProjectFilter', { description: '工程项目查询条件' })
export class ProjectFilter {
  @Field(() => String, {
    nullable: true,
    description: '关键字：项目名称、工建码、施工许可证编码、项目代码、省级项目编号或地址',
  })
  keyword?: string | null;

  @Field(() => String, { nullable: true, description: '区县行政区划代码；420200（黄石市）表示全市' })
  districtCode?: string | null;

  @Field(() => ProjectStatus, { nullable: true })
  status?: ProjectStatus | null;

  @Field(() => ProjectType, { nullable: true })
  type?: ProjectType | null;

  @Field(() => ID, { nullable: true, description: '参建企业 id' })
  enterpriseId?: string | null;

  @Field(() => UnitRole, {
    nullable: true,
    description: '参建单位类型（与 enterpriseId 一起使用时表示该企业以此身份参建）',
  })
  unitRole?: UnitRole | null;

  @Field(() => String, { nullable: true, description: '开工日期起（含），YYYY-MM-DD' })
  startDateFrom?: string | null;

  @Field(() => String, { nullable: true, description: '开工日期止（含），YYYY-MM-DD' })
  startDateTo?: string | null;
}

/** The project list's sortable columns (ADR 0013): each has an index behind it (Migration20261202210000ListIndexes). */
export enum ProjectSortField {
  NAME = 'NAME',
  PROJECT_CODE = 'PROJECT_CODE',
  PERMIT_CODE = 'PERMIT_CODE',
  DISTRICT_CODE = 'DISTRICT_CODE',
  TYPE = 'TYPE',
  STATUS = 'STATUS',
  ADDRESS = 'ADDRESS',
  START_DATE = 'START_DATE',
  CREATED_AT = 'CREATED_AT',
}

export const ProjectSort = SortOf('Project', ProjectSortField, {
  NAME: '项目名称',
  PROJECT_CODE: '湖北省工建码',
  PERMIT_CODE: '施工许可证编码',
  DISTRICT_CODE: '所在区县（按行政区划代码）',
  TYPE: '项目类别',
  STATUS: '项目状态',
  ADDRESS: '工程地址',
  START_DATE: '开工日期',
  CREATED_AT: '登记时间',
});
