import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, OneToMany, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { EnterpriseQualification } from './qualification.entity.js';

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

  /** GraphQL `qualifications` is a field resolver (DataLoader). */
  @OneToMany(() => EnterpriseQualification, (q) => q.enterprise, { orphanRemoval: true, orderBy: { position: 'asc' } })
  qualifications = new Collection<EnterpriseQualification>(this);

  @Field(() => Date)
  @Index({ name: 'enterprise_created_at_idx' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
