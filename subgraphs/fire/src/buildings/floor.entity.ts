import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Building } from './building.entity.js';

export enum FloorKind {
  BASEMENT = 'BASEMENT',
  ABOVE = 'ABOVE',
  ROOF = 'ROOF',
}

registerEnumType(FloorKind, {
  name: 'FireFloorKind',
  description: '楼层类型',
  valuesConfig: {
    BASEMENT: { description: '地下室' },
    ABOVE: { description: '地上楼层' },
    ROOF: { description: '屋面' },
  },
});

/** A floor (地下室 / 地上楼层 / 屋面) of a building with its fire information (1.3.3). */
@Entity({ tableName: 'floor' })
@Unique({ name: 'floor_building_kind_level_key', properties: ['building', 'kind', 'level'] })
@ObjectType('FireFloor', { description: '楼层及其消防基本信息' })
export class Floor {
  [OptionalProps]?: 'useNature' | 'area' | 'items' | 'remarks';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Building, { deleteRule: 'cascade' })
  building!: Building;

  @Field(() => FloorKind)
  @Enum({ items: () => FloorKind })
  kind!: FloorKind;

  @Field(() => Int, { description: '地下 -1、-2…；地上 1、2…；屋面为顶层加 1' })
  @Property({ type: 'smallint' })
  level!: number;

  @Field(() => String, { description: '楼层名称，如 地下1层、3层、屋面' })
  @Property({ type: 'string', length: 20 })
  name!: string;

  @Field(() => String, { nullable: true, description: '使用功能' })
  @Property({ type: 'string', length: 100, nullable: true })
  useNature: string | null = null;

  @Field(() => Float, { nullable: true, description: '楼层面积（平方米）' })
  @Property({ type: 'decimal', precision: 12, scale: 2, runtimeType: 'number', nullable: true })
  area: number | null = null;

  @Field(() => [String], { nullable: true, description: '本层适用的检查项目编码；为空时继承楼栋' })
  @Property({ type: 'json', nullable: true })
  items: string[] | null = null;

  @Field(() => String, { nullable: true, description: '消防设施等其他说明' })
  @Property({ type: 'string', length: 500, nullable: true })
  remarks: string | null = null;
}
