import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { InspectionCategory, InspectionStatus } from './inspection.enums.js';

/**
 * 消防验收现场评定抽查项目 (1.3.1): the basic information of one acceptance inspection, linked to the
 * projects subgraph's Project when it exists there (`projectId`, no foreign key: another schema).
 *
 * 项目负责人 身份证号 / 联系电话 are SM4-encrypted at rest (kit encryptField) and masked on the way
 * out unless the caller has fire:inspection:sensitive; the 身份证号 also has a blind index for exact
 * lookups. Text filters (1.3.8) are served by `inspection_search_token` (bigram index, portable);
 * the other filters by the btree indexes below.
 */
@Entity({ tableName: 'inspection' })
@Index({ name: 'inspection_district_date_idx', properties: ['districtCode', 'inspectionDate'] })
// The sortable columns of the list (ADR 0013), with the id that breaks ties.
@Index({ name: 'inspection_project_name_idx', properties: ['projectName', 'id'] })
@Index({ name: 'inspection_leader_name_idx', properties: ['leaderName', 'id'] })
@Index({ name: 'inspection_created_at_idx', properties: ['createdAt', 'id'] })
@ObjectType('FireInspection', { description: '消防验收现场评定抽查项目' })
export class Inspection {
  [OptionalProps]?:
    | 'projectId'
    | 'builderUnit'
    | 'designUnit'
    | 'generalContractorUnit'
    | 'fireContractorUnit'
    | 'supervisorUnit'
    | 'fireTestingUnit'
    | 'leaderPhoneCipher'
    | 'leaderIdCardCipher'
    | 'leaderIdCardIndex'
    | 'decoration'
    | 'decorationDescription'
    | 'inspectionDate'
    | 'changeOfUse'
    | 'useNature'
    | 'originalUse'
    | 'status'
    | 'resultsLockedAt'
    | 'sealedAt'
    | 'createdById'
    | 'createdAt'
    | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { nullable: true, description: '关联的工程项目 id（projects 子图的 Project）' })
  @Index({ name: 'inspection_project_id_idx' })
  @Property({ type: 'uuid', nullable: true })
  projectId: string | null = null;

  @Field(() => String, { description: '建筑工程项目名称' })
  @Property({ type: 'string', length: 100 })
  projectName!: string;

  @Field(() => String, { description: '所在区县行政区划代码（来自关联项目或填写）' })
  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Field(() => String, { nullable: true, description: '建设单位' })
  @Property({ type: 'string', length: 100, nullable: true })
  builderUnit: string | null = null;

  @Field(() => String, { nullable: true, description: '设计单位' })
  @Property({ type: 'string', length: 100, nullable: true })
  designUnit: string | null = null;

  @Field(() => String, { nullable: true, description: '施工总包单位' })
  @Property({ type: 'string', length: 100, nullable: true })
  generalContractorUnit: string | null = null;

  @Field(() => String, { nullable: true, description: '消防施工单位' })
  @Property({ type: 'string', length: 100, nullable: true })
  fireContractorUnit: string | null = null;

  @Field(() => String, { nullable: true, description: '监理单位' })
  @Property({ type: 'string', length: 100, nullable: true })
  supervisorUnit: string | null = null;

  @Field(() => String, { nullable: true, description: '消防检测机构单位' })
  @Property({ type: 'string', length: 100, nullable: true })
  fireTestingUnit: string | null = null;

  @Field(() => String, { description: '项目负责人姓名' })
  @Property({ type: 'string', length: 50 })
  leaderName!: string;

  /** GraphQL `leaderPhone` (masked unless allowed) is a field resolver. */
  @Property({ type: 'text', nullable: true })
  leaderPhoneCipher: string | null = null;

  /** GraphQL `leaderIdCard` (masked unless allowed) is a field resolver. */
  @Property({ type: 'text', nullable: true })
  leaderIdCardCipher: string | null = null;

  /** HMAC-SM3 blind index of the normalised 身份证号 (exact lookups). */
  @Index({ name: 'inspection_leader_id_card_index_idx' })
  @Property({ type: 'string', length: 64, nullable: true })
  leaderIdCardIndex: string | null = null;

  @Field(() => String, { description: '工程地址' })
  @Property({ type: 'string', length: 200 })
  address!: string;

  @Field(() => Float, { nullable: true, description: '工地位置纬度（WGS84）；现场定位据此判断是否在工地附近' })
  @Property({ type: 'double', nullable: true })
  siteLatitude: number | null = null;

  @Field(() => Float, { nullable: true, description: '工地位置经度（WGS84）' })
  @Property({ type: 'double', nullable: true })
  siteLongitude: number | null = null;

  @Field(() => InspectionCategory, { description: '项目类别（新建、扩建、改建）' })
  @Index({ name: 'inspection_category_idx' })
  @Enum({ items: () => InspectionCategory })
  category!: InspectionCategory;

  @Field(() => Boolean, { description: '是否含装饰装修工程' })
  @Property({ type: 'boolean' })
  decoration: boolean = false;

  @Field(() => String, { nullable: true, description: '装饰装修范围说明' })
  @Property({ type: 'string', length: 200, nullable: true })
  decorationDescription: string | null = null;

  @Field(() => String, { nullable: true, description: '检查日期（YYYY-MM-DD）' })
  @Index({ name: 'inspection_inspection_date_idx' })
  @Property({ type: 'date', nullable: true })
  inspectionDate: string | null = null;

  @Field(() => Boolean, { description: '是否改变用途' })
  @Property({ type: 'boolean' })
  changeOfUse: boolean = false;

  @Field(() => String, { nullable: true, description: '使用性质（改变用途后）' })
  @Property({ type: 'string', length: 100, nullable: true })
  useNature: string | null = null;

  @Field(() => String, { nullable: true, description: '原有用途' })
  @Property({ type: 'string', length: 100, nullable: true })
  originalUse: string | null = null;

  @Field(() => InspectionStatus, { description: '抽查进度' })
  @Index({ name: 'inspection_status_idx' })
  @Enum({ items: () => InspectionStatus })
  status: InspectionStatus = InspectionStatus.DRAFT;

  @Field(() => Date, { nullable: true, description: '第一方对结果签名、结果锁定的时间' })
  @Property({ type: 'datetime', nullable: true })
  resultsLockedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: '各方签名全部完成（封存）的时间' })
  @Property({ type: 'datetime', nullable: true })
  sealedAt: Date | null = null;

  @Field(() => ID, { nullable: true, description: '登记人（identity 的 User id）' })
  @Index({ name: 'inspection_created_by_id_idx' })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
