import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { StoredFile } from '../files/stored-file.entity.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { SiteVisit } from './site-visit.entity.js';

/**
 * A photo taken on site with the phone page's camera (1.3.5), stamped in the picture with time,
 * place and project, optionally for one item / location / check line. The same picture resent by
 * the offline queue is the same row (unique per visit and content). Frozen with the results.
 */
@Entity({ tableName: 'site_photo' })
@Unique({ name: 'site_photo_visit_file_key', properties: ['visit', 'file'] })
@Index({ name: 'site_photo_inspection_item_idx', properties: ['inspection', 'itemCode'] })
@ObjectType('FirePhoto', { description: '现场照片（页面相机拍摄，带时间、位置、项目水印）' })
export class SitePhoto {
  [OptionalProps]?: 'itemCode' | 'locationKey' | 'lineCode' | 'note' | 'distanceMeters' | 'uploadedById';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Inspection, { deleteRule: 'cascade' })
  inspection!: Inspection;

  @ManyToOne(() => SiteVisit, { deleteRule: 'cascade' })
  visit!: SiteVisit;

  @ManyToOne(() => StoredFile, { fieldName: 'file_sha256', deleteRule: 'no action' })
  file!: StoredFile;

  @Field(() => Date, { description: '拍摄时间（手机时钟，须在本次现场检查期间）' })
  @Property({ type: 'datetime' })
  capturedAt!: Date;

  @Field(() => Float, { description: '拍摄位置纬度' })
  @Property({ type: 'double' })
  latitude!: number;

  @Field(() => Float, { description: '拍摄位置经度' })
  @Property({ type: 'double' })
  longitude!: number;

  @Field(() => Float, { description: '定位精度（米）' })
  @Property({ type: 'double' })
  accuracy!: number;

  @Field(() => Float, { nullable: true, description: '拍摄位置距工地（米）' })
  @Property({ type: 'double', nullable: true })
  distanceMeters: number | null = null;

  @Field(() => String, { nullable: true, description: '检查项目编码' })
  @Property({ type: 'string', length: 8, nullable: true })
  itemCode: string | null = null;

  @Field(() => ID, { nullable: true, description: '部位标识' })
  @Property({ type: 'uuid', nullable: true })
  locationKey: string | null = null;

  @Field(() => String, { nullable: true, description: '检查内容编码' })
  @Property({ type: 'string', length: 16, nullable: true })
  lineCode: string | null = null;

  @Field(() => String, { nullable: true, description: '说明' })
  @Property({ type: 'string', length: 500, nullable: true })
  note: string | null = null;

  @Field(() => Int, { description: '宽（像素）' })
  @Property({ type: 'integer' })
  width!: number;

  @Field(() => Int, { description: '高（像素）' })
  @Property({ type: 'integer' })
  height!: number;

  @Field(() => ID, { nullable: true, description: '上传账号' })
  @Property({ type: 'uuid', nullable: true })
  uploadedById: string | null = null;

  @Field(() => Date, { description: '上传时间' })
  @Property({ type: 'datetime' })
  uploadedAt!: Date;
}
