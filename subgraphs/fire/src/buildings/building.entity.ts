import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Inspection } from '../inspections/inspection.entity.js';

/**
 * A building (楼栋) of an inspection with its fire information (1.3.3). Its floors are generated
 * from the floor counts and edited one by one. `items`: the catalogue item codes that apply to the
 * building (null: the sampling rule's defaults) — where a system such as 气体灭火 exists, say so here.
 */
@Entity({ tableName: 'building' })
@Index({ name: 'building_inspection_position_idx', properties: ['inspection', 'position'] })
@ObjectType('FireBuilding', { description: '楼栋及其消防基本信息' })
export class Building {
  [OptionalProps]?:
    | 'position'
    | 'category'
    | 'fireResistanceRating'
    | 'structure'
    | 'height'
    | 'area'
    | 'useNature'
    | 'items'
    | 'hasFireLift'
    | 'remarks'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Inspection, { deleteRule: 'cascade' })
  inspection!: Inspection;

  @Field(() => String, { description: '楼栋名称，如 1#楼' })
  @Property({ type: 'string', length: 50 })
  name!: string;

  @Field(() => Int, { description: '排列顺序' })
  @Property({ type: 'smallint' })
  position: number = 0;

  @Field(() => String, { nullable: true, description: '建筑类别，如 一类高层公共建筑、丙类厂房' })
  @Property({ type: 'string', length: 50, nullable: true })
  category: string | null = null;

  @Field(() => String, { nullable: true, description: '耐火等级，如 一级' })
  @Property({ type: 'string', length: 10, nullable: true })
  fireResistanceRating: string | null = null;

  @Field(() => String, { nullable: true, description: '结构类型，如 框架-剪力墙' })
  @Property({ type: 'string', length: 50, nullable: true })
  structure: string | null = null;

  @Field(() => Float, { nullable: true, description: '建筑高度（米）' })
  @Property({ type: 'decimal', precision: 7, scale: 2, runtimeType: 'number', nullable: true })
  height: number | null = null;

  @Field(() => Float, { nullable: true, description: '建筑面积（平方米）' })
  @Property({ type: 'decimal', precision: 12, scale: 2, runtimeType: 'number', nullable: true })
  area: number | null = null;

  @Field(() => String, { nullable: true, description: '使用性质' })
  @Property({ type: 'string', length: 100, nullable: true })
  useNature: string | null = null;

  @Field(() => [String], { nullable: true, description: '适用的检查项目编码；为空时按抽查规则默认' })
  @Property({ type: 'json', nullable: true })
  items: string[] | null = null;

  @Field(() => Boolean, {
    nullable: true,
    description: '是否设有消防电梯（决定“09 消防电梯”是否涉及）；null 为未填写',
  })
  @Property({ type: 'boolean', nullable: true })
  hasFireLift: boolean | null = null;

  @Field(() => String, { nullable: true, description: '消防设施等其他说明' })
  @Property({ type: 'string', length: 500, nullable: true })
  remarks: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
