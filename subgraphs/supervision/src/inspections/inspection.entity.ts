import { Embedded, Entity, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Provenance } from '@hs/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum InspectionType {
  QUALITY = 'QUALITY',
  SAFETY = 'SAFETY',
}
registerEnumType(InspectionType, {
  name: 'SupervisionInspectionType',
  description: '监督检查类型',
  valuesConfig: { QUALITY: { description: '质量' }, SAFETY: { description: '安全' } },
});
export const INSPECTION_TYPE_NAMES: Record<InspectionType, string> = { QUALITY: '质量', SAFETY: '安全' };

export enum RectificationStatus {
  NOT_RECTIFIED = 'NOT_RECTIFIED',
  RECTIFIED = 'RECTIFIED',
  OVERDUE = 'OVERDUE',
  REVIEWED = 'REVIEWED',
}
registerEnumType(RectificationStatus, {
  name: 'SupervisionRectificationStatus',
  description: '整改状态',
  valuesConfig: {
    NOT_RECTIFIED: { description: '未整改' },
    RECTIFIED: { description: '整改完成' },
    OVERDUE: { description: '逾期未整改' },
    REVIEWED: { description: '复查合格' },
  },
});
export const RECTIFICATION_NAMES: Record<RectificationStatus, string> = {
  NOT_RECTIFIED: '未整改',
  RECTIFIED: '整改完成',
  OVERDUE: '逾期未整改',
  REVIEWED: '复查合格',
};
/** Statuses of a problem still to be rectified. */
export const OPEN_STATUSES: readonly RectificationStatus[] = [
  RectificationStatus.NOT_RECTIFIED,
  RectificationStatus.OVERDUE,
];

/**
 * 质量安全监督检查 (3.2.1), pulled from the 工程质量安全监督系统 with its provenance. Linked to a
 * project of the projects subgraph by 项目代码 or 施工许可证编号 (through the project replica);
 * `projectId` null is 未关联项目, kept with the codes it came with. `districtCode` is the linked
 * project's, copied for scope and statistics. The summary columns (problem count, most severe
 * level, open problems and their earliest deadline) are written with the problems, for filters.
 */
@Entity({ tableName: 'inspection' })
@ObjectType('SupervisionInspection', { description: '质量安全监督检查记录' })
export class SupervisionInspection {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => Provenance, { description: '数据来源' })
  @Embedded(() => Provenance, { prefix: 'src_' })
  provenance!: Provenance;

  @Property({ type: 'timestamptz' })
  sourceUpdatedAt!: Date;

  /** SHA-256 of the record as received: an unchanged record is not rewritten. */
  @Property({ type: 'string', length: 64 })
  digest!: string;

  @Field(() => ID, { nullable: true, description: '关联的工程项目 id（未关联项目时为空）' })
  @Property({ type: 'uuid', nullable: true })
  projectId: string | null = null;

  @Field(() => String, { nullable: true, description: '所在区县代码（关联项目的区县）' })
  @Property({ type: 'string', length: 6, nullable: true })
  districtCode: string | null = null;

  @Field({ description: '项目代码（来源记录所载）' })
  @Property({ type: 'string', length: 40 })
  projectCode!: string;

  @Field(() => String, { nullable: true, description: '施工许可证编号（来源记录所载）' })
  @Property({ type: 'string', length: 40, nullable: true })
  permitCode: string | null = null;

  @Field(() => String, { nullable: true, description: '项目名称（关联项目的名称，未关联时为来源记录所载）' })
  @Property({ type: 'string', length: 200, nullable: true })
  projectName: string | null = null;

  @Field({ description: '检查日期 YYYY-MM-DD' })
  @Property({ type: 'date' })
  inspectedOn!: string;

  @Field(() => InspectionType, { description: '检查类型' })
  @Property({ type: 'text' })
  type!: InspectionType;

  @Field(() => [String], { description: '监督人员' })
  @Property({ type: 'json' })
  inspectors!: string[];

  /** Code of the outcome (inspection_outcome). */
  @Property({ type: 'text' })
  outcome!: string;

  @Field(() => Int, { description: '问题数' })
  @Property({ type: 'int' })
  problemCount!: number;

  @Field(() => Int, { nullable: true, description: '最严重的隐患等级编号（无问题时为空）' })
  @Property({ type: 'smallint', nullable: true })
  maxRiskLevel: number | null = null;

  @Field(() => Int, { description: '未完成整改的问题数（未整改、逾期未整改）' })
  @Property({ type: 'int' })
  openCount!: number;

  @Field(() => String, { nullable: true, description: '未完成整改问题中最早的整改期限' })
  @Property({ type: 'date', nullable: true })
  openDeadline: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** One problem (隐患/问题) found in an inspection, with its rectification. */
@Entity({ tableName: 'problem' })
@ObjectType('SupervisionProblem', { description: '监督检查发现的问题（隐患）及整改情况' })
export class SupervisionProblem {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => SupervisionInspection, { fieldName: 'inspection_id', deleteRule: 'cascade' })
  inspection!: SupervisionInspection;

  @Field(() => Int, { description: '序号' })
  @Property({ type: 'int' })
  seq!: number;

  @Field({ description: '问题描述' })
  @Property({ type: 'text' })
  description!: string;

  @Field({ description: '危险源类别' })
  @Property({ type: 'text' })
  hazardSourceType!: string;

  @Field(() => Int, { description: '隐患等级编号（见 supervisionHazardLevels）' })
  @Property({ type: 'smallint' })
  riskLevel!: number;

  @Property({ type: 'text' })
  outcome!: string;

  @Field(() => String, { nullable: true, description: '整改期限' })
  @Property({ type: 'date', nullable: true })
  deadline: string | null = null;

  @Field(() => RectificationStatus, { description: '整改状态' })
  @Property({ type: 'text' })
  rectificationStatus!: RectificationStatus;

  @Field(() => String, { nullable: true, description: '整改完成日期' })
  @Property({ type: 'date', nullable: true })
  rectifiedOn: string | null = null;

  @Field(() => String, { nullable: true, description: '复查日期' })
  @Property({ type: 'date', nullable: true })
  reviewedOn: string | null = null;
}
