import { randomUUID } from 'node:crypto';
import {
  Check,
  Embedded,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { GeoPoint } from '../common/geo-point.js';
import { District } from '../districts/district.entity.js';
import type { PolygonGeometry } from '@hs/kit';
import { ProjectStatus, ProjectType } from './project.enums.js';

/**
 * A construction project (3.1.1), identified by any of its codes (湖北省工建码, 施工许可证编码,
 * 项目代码, 省级项目编号): at least one is required, each is unique. Other subgraphs extend it by `@key(fields: "id")`.
 *
 * Indexes: one per filter the API offers. The keyword filter is `ilike '%kw%'` on name, codes and
 * address, which no btree can serve; at today's size (hundreds to a few thousand rows) a sequential
 * scan is fine. pg_trgm + GIN is the fix when it grows, but it is an extension that openGauss /
 * KingbaseES may not ship, so it is left out of the migration (see docs).
 */
@Entity({ tableName: 'project' })
@Check({
  name: 'project_code_required_check',
  expression:
    'project_code is not null or permit_code is not null or investment_code is not null or provincial_code is not null',
})
@Index({ name: 'project_district_status_idx', properties: ['district', 'status'] })
@ObjectType('Project', { description: '工程项目' })
@Directive('@key(fields: "id")')
export class Project {
  [OptionalProps]?:
    | 'projectCode'
    | 'permitCode'
    | 'investmentCode'
    | 'provincialCode'
    | 'siteBoundary'
    | 'status'
    | 'startDate'
    | 'plannedEndDate'
    | 'completedDate'
    | 'contractAmount'
    | 'area'
    | 'createdById'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { nullable: true, description: '湖北省工建码' })
  @Unique({ name: 'project_project_code_key' })
  @Property({ type: 'string', length: 32, nullable: true })
  projectCode: string | null = null;

  @Field(() => String, { nullable: true, description: '施工许可证编码' })
  @Unique({ name: 'project_permit_code_key' })
  @Property({ type: 'string', length: 32, nullable: true })
  permitCode: string | null = null;

  @Field(() => String, { nullable: true, description: '项目代码（全国投资项目在线审批监管平台，24 位）' })
  @Unique({ name: 'project_investment_code_key' })
  @Property({ type: 'string', length: 24, nullable: true })
  investmentCode: string | null = null;

  @Field(() => String, { nullable: true, description: '省级项目编号' })
  @Unique({ name: 'project_provincial_code_key' })
  @Property({ type: 'string', length: 32, nullable: true })
  provincialCode: string | null = null;

  /**
   * Shareable: the workforce subgraph provides it for the projects its employments refer to, from
   * its site replica (ADR 0006), so a worker sees the name of a project they work on without
   * project:view (issue #11).
   */
  @Field(() => String, { description: '工程项目名称' })
  @Index({ name: 'project_name_idx' })
  @Directive('@shareable')
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => ProjectType, { description: '项目类别' })
  @Index({ name: 'project_type_idx' })
  @Enum({ items: () => ProjectType })
  type!: ProjectType;

  /** GraphQL exposes `district` and `districtCode` through field resolvers (DataLoader). */
  @ManyToOne(() => District, { fieldName: 'district_code', deleteRule: 'no action', updateRule: 'cascade' })
  district!: District;

  @Field(() => String, { description: '工程地址' })
  @Index({ name: 'project_address_idx' })
  @Property({ type: 'string', length: 200 })
  address!: string;

  @Field(() => GeoPoint, { description: '项目位置（须在所属行政区划范围内）' })
  @Embedded(() => GeoPoint, { prefix: 'location_' })
  location!: GeoPoint;

  @Field(() => GraphQLJSON, { nullable: true, description: '施工现场电子围栏（GeoJSON Polygon）' })
  @Property({ type: 'json', nullable: true })
  siteBoundary: PolygonGeometry | null = null;

  @Field(() => ProjectStatus, { description: '项目状态' })
  @Index({ name: 'project_status_idx' })
  @Enum({ items: () => ProjectStatus })
  status: ProjectStatus = ProjectStatus.PLANNED;

  @Field(() => String, { nullable: true, description: '开工日期（YYYY-MM-DD）' })
  @Index({ name: 'project_start_date_idx' })
  @Property({ type: 'date', nullable: true })
  startDate: string | null = null;

  @Field(() => String, { nullable: true, description: '计划竣工日期（YYYY-MM-DD）' })
  @Property({ type: 'date', nullable: true })
  plannedEndDate: string | null = null;

  @Field(() => String, { nullable: true, description: '实际竣工日期（YYYY-MM-DD）' })
  @Property({ type: 'date', nullable: true })
  completedDate: string | null = null;

  @Field(() => Float, { nullable: true, description: '合同金额（万元）' })
  @Property({ type: 'decimal', precision: 16, scale: 4, runtimeType: 'number', nullable: true })
  contractAmount: number | null = null;

  @Field(() => Float, { nullable: true, description: '建筑面积（平方米）' })
  @Property({ type: 'decimal', precision: 14, scale: 2, runtimeType: 'number', nullable: true })
  area: number | null = null;

  /** identity's User id; the row lives in another subgraph, so no foreign key. */
  @Field(() => ID, { nullable: true })
  @Index({ name: 'project_created_by_id_idx' })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date)
  @Index({ name: 'project_created_at_idx' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
