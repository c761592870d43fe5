import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

/** One 资质 (qualification certificate) of an enterprise, kept as jsonb on the enterprise row. */
@ObjectType('Qualification', { description: '企业资质' })
export class Qualification {
  @Field(() => String, { description: '资质名称，如 建筑工程施工总承包' })
  name!: string;

  @Field(() => String, { description: '资质等级，如 一级' })
  grade!: string;

  @Field(() => String, { description: '证书编号' })
  certificateNo!: string;

  @Field(() => String, { nullable: true, description: '有效期至（YYYY-MM-DD）' })
  validUntil?: string | null;
}

@InputType('QualificationInput', { description: '企业资质' })
export class QualificationInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  grade!: string;

  @Field(() => String)
  certificateNo!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  validUntil?: string | null;
}

/**
 * An enterprise (参建单位) known by its 统一社会信用代码 (3.1.2). Registry data, visible to anyone with
 * ENTERPRISE_VIEW. The district is where it is registered, which may lie outside 黄石市, so it is a
 * plain GB/T 2260 code rather than a foreign key to `district`.
 */
@Entity({ tableName: 'enterprise' })
@ObjectType('Enterprise', { description: '企业（参建单位）' })
@Directive('@key(fields: "id")')
export class Enterprise {
  [OptionalProps]?: 'registeredAddress' | 'legalRepresentative' | 'qualifications' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: '统一社会信用代码（18 位，GB 32100）' })
  @Unique({ name: 'enterprise_credit_code_key' })
  @Property({ type: 'string', length: 18 })
  creditCode!: string;

  /** The btree serves the list's sort; keyword search is `name ilike '%kw%'`, which it cannot serve (pg_trgm would; see docs). */
  @Field(() => String, { description: '企业名称' })
  @Index({ name: 'enterprise_name_idx' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true, description: '注册地址' })
  @Index({ name: 'enterprise_registered_address_idx' })
  @Property({ type: 'string', length: 200, nullable: true })
  registeredAddress: string | null = null;

  @Field(() => String, { nullable: true, description: '法定代表人' })
  @Index({ name: 'enterprise_legal_representative_idx' })
  @Property({ type: 'string', length: 50, nullable: true })
  legalRepresentative: string | null = null;

  @Field(() => String, { description: '注册地行政区划代码（GB/T 2260）' })
  @Index({ name: 'enterprise_district_code_idx' })
  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Field(() => [Qualification], { description: '资质' })
  @Property({ type: 'json' })
  qualifications: Qualification[] = [];

  @Field(() => Date)
  @Index({ name: 'enterprise_created_at_idx' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
