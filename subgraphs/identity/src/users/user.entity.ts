import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, ManyToMany, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { EnableStatus } from '../common/status.js';
import { Department } from '../departments/department.entity.js';
import { Role } from '../roles/role.entity.js';

/**
 * A person who logs in. 手机号 and 身份证号 are stored SM4-encrypted (`*Cipher`, kit encryptField)
 * with an HMAC-SM3 blind index (`*Index`) for uniqueness and exact lookup; the GraphQL fields
 * `phone` / `idCardNo` decrypt and mask them (UserResolver). The password is an argon2id hash.
 * Other subgraphs reference users by `@key(fields: "id")`.
 */
@Entity({ tableName: 'user_account' })
@ObjectType('User', { description: '用户' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: '登录名（唯一，小写）' })
  @Unique({ name: 'user_account_username_key' })
  @Property({ type: 'string', length: 64 })
  username!: string;

  @Field(() => String, { description: '姓名' })
  @Index({ name: 'user_account_display_name_idx' })
  @Property({ type: 'string', length: 64 })
  displayName!: string;

  @Index({ name: 'user_account_department_id_idx' })
  @ManyToOne(() => Department, { fieldName: 'department_id', deleteRule: 'restrict' })
  department!: Department;

  @ManyToMany({ entity: () => Role, pivotTable: 'user_role', joinColumn: 'user_id', inverseJoinColumn: 'role_id' })
  roles = new Collection<Role>(this);

  @Field(() => EnableStatus)
  @Index({ name: 'user_account_status_idx' })
  @Property({ type: 'string', length: 16 })
  status: EnableStatus = EnableStatus.ACTIVE;

  @Property({ type: 'text', nullable: true, hidden: true })
  phoneCipher: string | null = null;

  @Unique({ name: 'user_account_phone_index_key' })
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  phoneIndex: string | null = null;

  @Property({ type: 'text', nullable: true, hidden: true })
  idCardCipher: string | null = null;

  @Unique({ name: 'user_account_id_card_index_key' })
  @Property({ type: 'string', length: 64, nullable: true, hidden: true })
  idCardIndex: string | null = null;

  @Property({ type: 'string', length: 255, hidden: true, lazy: false })
  passwordHash!: string;

  @Property({ type: 'integer' })
  failedLoginCount: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil: Date | null = null;

  @Field(() => Boolean, { description: '是否必须修改密码（初始密码或管理员重置后）' })
  @Property({ type: 'boolean' })
  mustChangePassword: boolean = false;

  @Property({ type: 'datetime', nullable: true })
  passwordChangedAt: Date | null = null;

  @Index({ name: 'user_account_last_login_at_idx' })
  @Property({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  lastLoginIp: string | null = null;

  @Field(() => Date)
  @Index({ name: 'user_account_created_at_idx' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
