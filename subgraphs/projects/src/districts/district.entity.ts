import { Embedded, Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property, OptionalProps } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint } from '../common/geo-point.js';
import type { AreaGeometry } from '@hs/kit';

export enum DistrictKind {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
  COUNTY_CITY = 'COUNTY_CITY',
}

registerEnumType(DistrictKind, {
  name: 'DistrictKind',
  description: '行政区划级别',
  valuesConfig: {
    CITY: { description: '地级市' },
    DISTRICT: { description: '市辖区' },
    COUNTY: { description: '县' },
    COUNTY_CITY: { description: '县级市' },
  },
});

/** A GB/T 2260 administrative division of 黄石市 (the city itself and its six county-level divisions). */
@Entity({ tableName: 'district' })
@ObjectType('District', { description: '行政区划（GB/T 2260）' })
@Directive('@key(fields: "code")')
export class District {
  [PrimaryKeyProp]?: 'code';
  [OptionalProps]?: 'parentCode';

  @Field(() => ID, { description: '行政区划代码（GB/T 2260，6 位）' })
  @PrimaryKey({ type: 'string', length: 6 })
  code!: string;

  @Field(() => String, { description: '名称' })
  @Property({ type: 'string', length: 50 })
  name!: string;

  @Field(() => DistrictKind)
  @Enum({ items: () => DistrictKind, type: 'string', length: 16 })
  kind!: DistrictKind;

  @Field(() => String, { nullable: true, description: '上级行政区划代码' })
  @Index({ name: 'district_parent_code_idx' })
  @Property({ type: 'string', length: 6, nullable: true })
  parentCode: string | null = null;

  @Field(() => GeoPoint, { description: '标注点' })
  @Embedded(() => GeoPoint, { prefix: 'center_' })
  center!: GeoPoint;

  /**
   * Lazy: about 100 KB for the seven rows, so a list of projects with `district { name }` does not
   * drag it along. Loaded with `populate: ['boundary']` where needed (map, validation); the GraphQL
   * field resolver fetches it through a DataLoader otherwise.
   */
  @Field(() => GraphQLJSON, { description: '边界（GeoJSON Polygon / MultiPolygon，经纬度，约 1 km 精度）' })
  @Property({ type: 'json', lazy: true })
  boundary!: AreaGeometry;
}
