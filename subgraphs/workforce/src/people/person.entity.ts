import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'WorkforceSex', description: '性别（由身份证号第17位确定）' });

/**
 * 实名制人员 (1.2.1). 身份证号 is SM4-encrypted at rest with an HMAC-SM3 blind index for exact
 * lookups and uniqueness, and an unkeyed SM3 digest that attendance devices send instead of the
 * number (`idCardHash`). Sex and birth date come from the number and are checked against it.
 * GraphQL `idCard` / `phone` are field resolvers: masked unless the caller has workforce:person:sensitive.
 */
@Entity({ tableName: 'person' })
// The list's sorts by 性别, 工种 and 登记时间, with the id tie-break inside the index (ADR 0013).
@Index({ name: 'person_sex_id_idx', properties: ['sex', 'id'] })
@Index({ name: 'person_trade_id_idx', properties: ['trade', 'id'] })
@Index({ name: 'person_created_at_id_idx', properties: ['createdAt', 'id'] })
@ObjectType('WorkforcePerson', { description: '实名制人员（建筑工人及管理人员）' })
export class Person {
  [OptionalProps]?:
    'address' | 'phoneCipher' | 'photoSha256' | 'team' | 'userId' | 'createdById' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: '唯一标识' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: '姓名' })
  @Index({ name: 'person_name_idx' })
  @Property({ type: 'string', length: 50 })
  name!: string;

  @Property({ type: 'text' })
  idCardCipher!: string;

  @Unique({ name: 'person_id_card_index_key' })
  @Property({ type: 'string', length: 64 })
  idCardIndex!: string;

  @Index({ name: 'person_id_card_sm3_idx' })
  @Property({ type: 'string', length: 64 })
  idCardSm3!: string;

  @Field(() => Sex, { description: '性别' })
  @Enum({ items: () => Sex })
  sex!: Sex;

  @Field(() => String, { description: '民族' })
  @Property({ type: 'string', length: 20 })
  ethnicity!: string;

  @Field(() => String, { description: '出生日期（YYYY-MM-DD，与身份证号一致）' })
  @Index({ name: 'person_birth_date_idx' })
  @Property({ type: 'date' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: '住址' })
  @Property({ type: 'string', length: 200, nullable: true })
  address: string | null = null;

  @Property({ type: 'text', nullable: true })
  phoneCipher: string | null = null;

  @Field(() => String, { nullable: true, description: '证件照 SHA-256（照片文件按摘要存储）' })
  @Property({ type: 'string', length: 64, nullable: true })
  photoSha256: string | null = null;

  @Field(() => String, { description: '工种' })
  @Property({ type: 'string', length: 30 })
  trade!: string;

  @Field(() => String, { nullable: true, description: '班组' })
  @Property({ type: 'string', length: 50, nullable: true })
  team: string | null = null;

  @Field(() => ID, { nullable: true, description: '关联的平台账号（identity 的 User id，用于手机打卡）' })
  @Unique({ name: 'person_user_id_key' })
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Field(() => ID, { nullable: true, description: '登记人（identity 的 User id）' })
  @Index({ name: 'person_created_by_id_idx' })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => Date, { description: '登记时间' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: '最后修改时间' })
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
