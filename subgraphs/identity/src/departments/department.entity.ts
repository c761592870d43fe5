import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnableStatus } from '../common/status.js';

export enum DepartmentKind {
  BUREAU = 'BUREAU',
  SECTION = 'SECTION',
  DISTRICT_BUREAU = 'DISTRICT_BUREAU',
  ASSOCIATION = 'ASSOCIATION',
  ENTERPRISE = 'ENTERPRISE',
  EXPERTS = 'EXPERTS',
}

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  BUREAU: '市局',
  SECTION: '科室',
  DISTRICT_BUREAU: '区县住建局',
  ASSOCIATION: '协会',
  ENTERPRISE: '企业',
  EXPERTS: '专家',
};

registerEnumType(DepartmentKind, {
  name: 'DepartmentKind',
  description: '部门类型',
  valuesConfig: Object.fromEntries(Object.entries(DEPARTMENT_KIND_LABELS).map(([k, v]) => [k, { description: v }])),
});

/**
 * A node of the organisation tree: the city bureau with its sections and the district/county
 * bureaus below it, and outside organisations (association, experts, enterprises) as roots of
 * their own. Data scope (本部门 / 本部门及以下 / 自定义) is expressed in departments of this tree.
 */
@Entity({ tableName: 'department' })
@ObjectType('Department', { description: '部门 / 组织机构' })
@Directive('@key(fields: "id")')
export class Department {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: '名称' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => DepartmentKind, { description: '类型' })
  @Property({ type: 'string', length: 32 })
  kind!: DepartmentKind;

  @Index({ name: 'department_parent_id_idx' })
  @ManyToOne(() => Department, { nullable: true, fieldName: 'parent_id', deleteRule: 'restrict' })
  parent: Department | null = null;

  @Field(() => String, {
    nullable: true,
    description: '所辖行政区划代码（GB/T 2260）：市局及科室为 420200，区县住建局为本区县；外部组织为空',
  })
  @Property({ type: 'string', length: 6, nullable: true })
  districtCode: string | null = null;

  @Field(() => ID, { nullable: true, description: '企业部门对应的企业 ID' })
  @Index({ name: 'department_enterprise_id_idx' })
  @Property({ type: 'uuid', nullable: true })
  enterpriseId: string | null = null;

  @Field(() => Int, { description: '同级排序，小的在前' })
  @Property({ type: 'integer' })
  sortOrder: number = 0;

  @Field(() => EnableStatus)
  @Property({ type: 'string', length: 16 })
  status: EnableStatus = EnableStatus.ACTIVE;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
