import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Inspection } from '../inspections/inspection.entity.js';

/**
 * One inspector's on-site session for an inspection (1.3.5), opened from the phone page with the
 * browser's position. Photos are accepted only when captured within a visit of the uploader's,
 * MACed with the visit's capture key (derived on the server, handed to the page that opened it).
 */
@Entity({ tableName: 'site_visit' })
@Index({ name: 'site_visit_inspection_opened_idx', properties: ['inspection', 'openedAt'] })
@ObjectType('FireSiteVisit', { description: '现场检查（手机端开启；记录定位及精度）' })
export class SiteVisit {
  [OptionalProps]?: 'distanceMeters' | 'farFromSite' | 'userAgent' | 'openedById';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Inspection, { deleteRule: 'cascade' })
  inspection!: Inspection;

  @Field(() => ID, { nullable: true, description: '开启现场检查的账号' })
  @Property({ type: 'uuid', nullable: true })
  openedById: string | null = null;

  @Field(() => Date, { description: '开启时间' })
  @Property({ type: 'datetime' })
  openedAt!: Date;

  @Field(() => Float, { description: '纬度（WGS84）' })
  @Property({ type: 'double' })
  latitude!: number;

  @Field(() => Float, { description: '经度（WGS84）' })
  @Property({ type: 'double' })
  longitude!: number;

  @Field(() => Float, { description: '定位精度（米）' })
  @Property({ type: 'double' })
  accuracy!: number;

  @Field(() => Float, { nullable: true, description: '距工地位置（米）；项目未标注工地位置时为空' })
  @Property({ type: 'double', nullable: true })
  distanceMeters: number | null = null;

  @Field(() => Boolean, { description: '定位离工地较远' })
  @Property({ type: 'boolean' })
  farFromSite: boolean = false;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent: string | null = null;
}
