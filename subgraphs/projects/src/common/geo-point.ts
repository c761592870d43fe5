import { Embeddable, Property } from '@mikro-orm/core';
import { Directive, Field, Float, InputType, ObjectType } from 'type-graphql';

/** A WGS-84 longitude/latitude pair, stored inline as two `double precision` columns. */
@Embeddable()
@ObjectType('GeoPoint', { description: '经纬度坐标（WGS-84）' })
@Directive('@shareable')
export class GeoPoint {
  @Field(() => Float, { description: '经度' })
  @Property({ type: 'double' })
  lng!: number;

  @Field(() => Float, { description: '纬度' })
  @Property({ type: 'double' })
  lat!: number;

  constructor(lng: number, lat: number) {
    this.lng = lng;
    this.lat = lat;
  }
}

@InputType('GeoPointInput', { description: '经纬度坐标（WGS-84）' })
export class GeoPointInput {
  @Field(() => Float, { description: '经度' })
  lng!: number;

  @Field(() => Float, { description: '纬度' })
  lat!: number;
}
