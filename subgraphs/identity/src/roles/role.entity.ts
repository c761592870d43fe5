import { randomUUID } from 'node:crypto';
import { ArrayType, Collection, Entity, Index, ManyToMany, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { DATA_SCOPE_KINDS, type DataScopeKind } from '@hs/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnableStatus } from '../common/status.js';
import { Department } from '../departments/department.entity.js';

/** GraphQL face of the kit's DataScopeKind (same values). */
export const DataScopeKindEnum = Object.fromEntries(DATA_SCOPE_KINDS.map((k) => [k, k])) as { [K in DataScopeKind]: K };

export const DATA_SCOPE_LABELS: Record<DataScopeKind, string> = {
  ALL: '全部数据',
  CUSTOM: '自定义部门数据',
  DEPT: '本部门数据',
  DEPT_AND_CHILDREN: '本部门及以下数据',
  SELF: '仅本人数据',
};

registerEnumType(DataScopeKindEnum, {
  name: 'DataScopeKind',
  description: '数据权限范围',
  valuesConfig: Object.fromEntries(Object.entries(DATA_SCOPE_LABELS).map(([k, v]) => [k, { description: v }])),
});

/** A role: permission codes (see Permission in @hs/kit) plus a data scope. */
@Entity({ tableName: 'role' })
@ObjectType('Role', { description: '角色' })
export class Role {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: '角色编码（唯一）' })
  @Unique({ name: 'role_code_key' })
  @Property({ type: 'string', length: 64 })
  code!: string;

  @Field(() => String, { description: '角色名称' })
  @Index({ name: 'role_name_idx' })
  @Property({ type: 'string', length: 64 })
  name!: string;

  @Field(() => String, { nullable: true, description: '说明' })
  @Property({ type: 'string', length: 255, nullable: true })
  description: string | null = null;

  @Field(() => [String], { description: '权限代码；`*` 为全部权限' })
  @Property({ type: ArrayType })
  permissions: string[] = [];

  /**
   * Built-in roles only: the permission set the code last gave this role (ADR 0015), so a start
   * grants what the code added since and nothing an admin took away. Null for roles an admin made.
   */
  @Property({ type: ArrayType, nullable: true })
  builtInPermissions: string[] | null = null;

  @Field(() => DataScopeKindEnum, { description: '数据权限范围' })
  @Property({ type: 'string', length: 32 })
  dataScope!: DataScopeKind;

  @ManyToMany({
    entity: () => Department,
    pivotTable: 'role_department',
    joinColumn: 'role_id',
    inverseJoinColumn: 'department_id',
  })
  customDepartments = new Collection<Department>(this);

  @Field(() => Int)
  @Index({ name: 'role_sort_order_idx' })
  @Property({ type: 'integer' })
  sortOrder: number = 0;

  @Field(() => EnableStatus)
  @Index({ name: 'role_status_idx' })
  @Property({ type: 'string', length: 16 })
  status: EnableStatus = EnableStatus.ACTIVE;

  @Field(() => Date)
  @Index({ name: 'role_created_at_idx' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
