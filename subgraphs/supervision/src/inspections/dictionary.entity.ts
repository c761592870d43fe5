import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * 隐患等级 as data (3.2.1): the province's 一级…四级 scale, whose mapping to the national 重大/一般
 * is not public. `severity` orders them, 1 the most severe; the migration seeds 一级 = 1 (the
 * assumption of domain-facts §3), a deployment may configure otherwise in this table.
 */
@Entity({ tableName: 'hazard_level' })
@ObjectType('SupervisionHazardLevel', { description: '隐患等级（字典）' })
export class HazardLevel {
  @Field(() => Int, { description: '等级编号（省系统的 riskLevel，1–4）' })
  @PrimaryKey({ type: 'smallint' })
  level!: number;

  @Field({ description: '名称，如 一级' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: '严重程度次序，1 为最严重' })
  @Property({ type: 'smallint' })
  severity!: number;

  @Field({ description: '风险颜色（红/橙/黄/蓝）' })
  @Property({ type: 'text' })
  color!: string;
}

/** 处理结果 as data: the province's outcome names, the code stored on each row, and their order. */
@Entity({ tableName: 'inspection_outcome' })
@ObjectType('SupervisionOutcome', { description: '监督检查处理结果（字典）' })
export class InspectionOutcome {
  @Field({ description: '代码' })
  @PrimaryKey({ type: 'text' })
  code!: string;

  @Field({ description: '名称，如 限期整改' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: '严重程度次序（0 符合要求，越大越严重）' })
  @Property({ type: 'smallint' })
  sortOrder!: number;

  @Field({ description: '是否需要整改' })
  @Property({ type: 'boolean' })
  needsRectification!: boolean;
}

/** The rows the migration seeds (a configured deployment may change them; the code reads the table). */
export const DEFAULT_HAZARD_LEVELS: HazardLevel[] = [
  { level: 1, name: '一级', severity: 1, color: '红' },
  { level: 2, name: '二级', severity: 2, color: '橙' },
  { level: 3, name: '三级', severity: 3, color: '黄' },
  { level: 4, name: '四级', severity: 4, color: '蓝' },
];

export const DEFAULT_OUTCOMES: InspectionOutcome[] = [
  { code: 'COMPLIANT', name: '符合要求', sortOrder: 0, needsRectification: false },
  { code: 'IMMEDIATE', name: '立即整改', sortOrder: 1, needsRectification: true },
  { code: 'DEADLINE', name: '限期整改', sortOrder: 2, needsRectification: true },
  { code: 'PARTIAL_STOP', name: '局部停工整改', sortOrder: 3, needsRectification: true },
  { code: 'STOP', name: '停工整改', sortOrder: 4, needsRectification: true },
  { code: 'LISTED', name: '挂牌督办', sortOrder: 5, needsRectification: true },
  { code: 'PENALTY', name: '行政处罚', sortOrder: 6, needsRectification: true },
];
