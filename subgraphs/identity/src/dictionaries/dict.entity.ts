import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EnableStatus } from '../common/status.js';

/**
 * 字典类型 (RuoYi's 字典管理): a named list of code → label pairs the web apps use for dropdowns
 * and labels (项目类别, 项目状态, 企业资质等级, …). Built-in types ship with the platform (the
 * migration inserts them): their code is fixed and they cannot be deleted.
 */
@Entity({ tableName: 'dict_type' })
@ObjectType('DictType', { description: '字典类型' })
@Index({ name: 'dict_type_name_idx', properties: ['name'] })
@Index({ name: 'dict_type_sort_order_idx', properties: ['sortOrder'] })
@Index({ name: 'dict_type_status_idx', properties: ['status'] })
@Index({ name: 'dict_type_created_at_idx', properties: ['createdAt'] })
export class DictType {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: '字典编码（唯一），如 project_status' })
  @Unique({ name: 'dict_type_code_key' })
  @Property({ type: 'string', length: 64 })
  code!: string;

  @Field(() => String, { description: '字典名称' })
  @Property({ type: 'string', length: 64 })
  name!: string;

  @Field(() => String, { nullable: true, description: '说明' })
  @Property({ type: 'string', length: 255, nullable: true })
  description: string | null = null;

  @Field(() => Boolean, { description: '系统内置：编码不可修改、不可删除' })
  @Property({ type: 'boolean' })
  builtIn: boolean = false;

  @Field(() => Int)
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

/** 字典数据: one value of a dictionary type with its label and the tag colour lists show it in. */
@Entity({ tableName: 'dict_item' })
@ObjectType('DictItem', { description: '字典数据项' })
@Unique({ name: 'dict_item_type_id_value_key', properties: ['type', 'value'] })
@Index({ name: 'dict_item_type_id_idx', properties: ['type'] })
export class DictItem {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DictType, { fieldName: 'type_id', deleteRule: 'cascade' })
  type!: DictType;

  @Field(() => String, { description: '显示名称' })
  @Property({ type: 'string', length: 64 })
  label!: string;

  @Field(() => String, { description: '值（同一字典内唯一）' })
  @Property({ type: 'string', length: 64 })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: '列表中显示的标签样式：primary / success / info / warning / danger，空为默认',
  })
  @Property({ type: 'string', length: 16, nullable: true })
  tagType: string | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  sortOrder: number = 0;

  @Field(() => EnableStatus, { description: '停用的项不再出现在下拉选项中，已有数据仍按其显示' })
  @Property({ type: 'string', length: 16 })
  status: EnableStatus = EnableStatus.ACTIVE;

  @Field(() => Boolean, { description: '系统内置：值不可修改、不可删除（程序按值识别）' })
  @Property({ type: 'boolean' })
  builtIn: boolean = false;

  @Field(() => String, { nullable: true, description: '备注' })
  @Property({ type: 'string', length: 255, nullable: true })
  remark: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
