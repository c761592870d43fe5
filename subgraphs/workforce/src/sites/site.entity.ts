import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Polygon } from '../geofence.js';

/**
 * 考勤围栏 (1.2.2): a replica of the projects subgraph's site (name, district, location, 电子围栏
 * polygon), so a check-in is judged without a call to another subgraph; kept current from the
 * `projects.changed` events (docs/adr/0006-workforce-site-replica.md). The margin is ours.
 */
@Entity({ tableName: 'project_site' })
@ObjectType('WorkforceProjectSite', { description: '项目考勤围栏（项目电子围栏的副本及容差）' })
export class ProjectSite {
  [OptionalProps]?: 'locationLng' | 'locationLat' | 'boundary' | 'fenceMarginM' | 'syncedAt' | 'updatedAt';

  @Field(() => ID, { description: '工程项目 id' })
  @PrimaryKey({ type: 'uuid' })
  projectId!: string;

  @Field(() => String, { description: '项目名称（来自 projects 子图）' })
  @Index({ name: 'project_site_name_idx' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { description: '所在区县行政区划代码' })
  @Index({ name: 'project_site_district_code_idx' })
  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Field(() => Float, { nullable: true, description: '项目位置经度' })
  @Property({ type: 'double', nullable: true })
  locationLng: number | null = null;

  @Field(() => Float, { nullable: true, description: '项目位置纬度' })
  @Property({ type: 'double', nullable: true })
  locationLat: number | null = null;

  @Field(() => GraphQLJSON, { nullable: true, description: '施工现场电子围栏（GeoJSON Polygon，WGS-84）' })
  @Property({ type: 'json', nullable: true })
  boundary: Polygon | null = null;

  @Field(() => Int, { description: '围栏容差（米）：围栏外此距离内的打卡仍有效' })
  @Index({ name: 'project_site_fence_margin_m_idx' })
  @Property({ type: 'integer' })
  fenceMarginM: number = 50;

  @Field(() => Date, { description: '最近一次从项目同步的时间' })
  @Index({ name: 'project_site_synced_at_idx' })
  @Property({ type: 'datetime' })
  syncedAt: Date = new Date();

  @Field(() => Date, { description: '最后修改时间' })
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
