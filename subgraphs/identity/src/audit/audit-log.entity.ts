import { ArrayType, BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * 操作审计日志, append-only and hash-chained (see audit-hash.ts). Rows are written only by
 * AuditService.append (raw SQL under the chain-head lock); a trigger refuses UPDATE, DELETE and
 * TRUNCATE. The entity exists for reading and so the schema check knows the table.
 */
@Entity({ tableName: 'audit_log' })
@ObjectType('AuditLog', { description: '操作审计日志（只增不改，哈希链防篡改）' })
@Index({ name: 'audit_log_at_idx', properties: ['at'] })
@Index({ name: 'audit_log_actor_id_seq_idx', properties: ['actorId', 'seq'] })
@Index({ name: 'audit_log_operation_name_seq_idx', properties: ['operationName', 'seq'] })
@Index({ name: 'audit_log_result_seq_idx', properties: ['result', 'seq'] })
export class AuditLog {
  @Field(() => ID, { description: '序号（链上位置）' })
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  seq!: string;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  at!: Date;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Field(() => String, { nullable: true, description: '操作人（用户名）' })
  @Property({ type: 'string', length: 64, nullable: true })
  actorName: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  sessionId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Field(() => String, { nullable: true, description: '操作名（GraphQL operationName 或 auth.*）' })
  @Property({ type: 'string', length: 128, nullable: true })
  operationName: string | null = null;

  @Field(() => [String], { description: '涉及的顶层字段' })
  @Property({ type: ArrayType })
  fields: string[] = [];

  @Field(() => GraphQLJSON, { nullable: true, description: '变量（网关已脱敏）' })
  @Property({ type: 'json', nullable: true })
  variables: unknown = null;

  @Field(() => String, { description: 'SUCCESS / FAILURE' })
  @Property({ type: 'string', length: 16 })
  result!: string;

  @Field(() => [String])
  @Property({ type: ArrayType })
  errorCodes: string[] = [];

  /** The router's outbox id of the record (null for identity's own entries): a repeated delivery is stored once. */
  @Property({ type: 'uuid', nullable: true, unique: 'audit_log_record_id_unique' })
  recordId: string | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  hash!: string;
}

/** The chain head: one row, locked FOR UPDATE by every append so appends are serialised. */
@Entity({ tableName: 'audit_chain_head' })
export class AuditChainHead {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: new BigIntType('string') })
  lastSeq!: string;

  @Property({ type: 'string', length: 64 })
  lastHash!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
