import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Project } from '../projects/project.entity.js';
import {
  CertificateShareAction,
  DrawingReviewCertificateStatus,
  DrawingReviewConclusion,
  DrawingReviewDiscipline,
} from './certificate.enums.js';
import { StoredFile } from './stored-file.entity.js';

/**
 * One version of a 施工图联合审查合格书 of a project (1.1.1). Re-issuing adds a version to the chain
 * (`chainId`, `version` 1, 2, …): the newest one is `latest` (CURRENT, or REVOKED when withdrawn), the
 * older ones are SUPERSEDED and read-only (a trigger refuses changes to them). Other subgraphs and
 * bureau systems read them through the graph with the same fields (1.1.2).
 *
 * Indexes: one per filter and sort column of the list; `latest` rows are what the list shows.
 */
@Entity({ tableName: 'drawing_review_certificate' })
@Unique({ name: 'drawing_review_certificate_chain_version_key', properties: ['chainId', 'version'] })
@Index({ name: 'drawing_review_certificate_project_latest_idx', properties: ['project', 'latest'] })
@Index({ name: 'drawing_review_certificate_latest_review_date_idx', properties: ['latest', 'reviewDate'] })
@Index({
  name: 'drawing_review_certificate_disciplines_idx',
  expression:
    'create index "drawing_review_certificate_disciplines_idx" on "projects"."drawing_review_certificate" using gin ("disciplines")',
})
@ObjectType('DrawingReviewCertificate', { description: '施工图联合审查合格书（某一版本）' })
export class DrawingReviewCertificate {
  [OptionalProps]?:
    | 'latest'
    | 'status'
    | 'reviewAgencyCreditCode'
    | 'validFrom'
    | 'validUntil'
    | 'reissueReason'
    | 'supersededAt'
    | 'revokedAt'
    | 'revokedById'
    | 'revokedByName'
    | 'revokeReason'
    | 'createdById'
    | 'createdByName'
    | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** GraphQL `project` is a field resolver (scoped loader). */
  @ManyToOne(() => Project, { deleteRule: 'no action' })
  project!: Project;

  @Field(() => ID, { description: '版本链标识：同一份合格书的各版本相同（等于第 1 版的 id）' })
  @Property({ type: 'uuid' })
  chainId!: string;

  @Field(() => Int, { description: '版本号，从 1 开始；换发一次加 1' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => Boolean, { description: '是否为该合格书的最新版本' })
  @Property({ type: 'boolean' })
  latest: boolean = true;

  @Field(() => DrawingReviewCertificateStatus, { description: '状态：有效、已换发（历史版本）、已撤销' })
  @Index({ name: 'drawing_review_certificate_status_idx' })
  @Enum({ items: () => DrawingReviewCertificateStatus })
  status: DrawingReviewCertificateStatus = DrawingReviewCertificateStatus.CURRENT;

  @Field(() => String, { description: '合格书编号' })
  @Index({ name: 'drawing_review_certificate_certificate_no_idx' })
  @Property({ type: 'string', length: 50 })
  certificateNo!: string;

  @Field(() => String, { description: '审查机构名称' })
  @Index({ name: 'drawing_review_certificate_review_agency_idx' })
  @Property({ type: 'string', length: 100 })
  reviewAgency!: string;

  @Field(() => String, { nullable: true, description: '审查机构统一社会信用代码' })
  @Property({ type: 'string', length: 18, nullable: true })
  reviewAgencyCreditCode: string | null = null;

  @Field(() => String, { description: '审查日期（YYYY-MM-DD）' })
  @Index({ name: 'drawing_review_certificate_review_date_idx' })
  @Property({ type: 'date' })
  reviewDate!: string;

  @Field(() => [DrawingReviewDiscipline], { description: '审查范围/专业' })
  @Property({ type: 'text[]' })
  disciplines!: DrawingReviewDiscipline[];

  @Field(() => DrawingReviewConclusion, { description: '审查结论' })
  @Index({ name: 'drawing_review_certificate_conclusion_idx' })
  @Enum({ items: () => DrawingReviewConclusion })
  conclusion!: DrawingReviewConclusion;

  @Field(() => String, { nullable: true, description: '有效期起（YYYY-MM-DD）；为空表示长期有效' })
  @Property({ type: 'date', nullable: true })
  validFrom: string | null = null;

  @Field(() => String, { nullable: true, description: '有效期止（YYYY-MM-DD）；为空表示长期有效' })
  @Index({ name: 'drawing_review_certificate_valid_until_idx' })
  @Property({ type: 'date', nullable: true })
  validUntil: string | null = null;

  /** GraphQL `file` is a field resolver (DataLoader over stored_file). */
  @ManyToOne(() => StoredFile, { fieldName: 'file_sha256', deleteRule: 'no action' })
  file!: StoredFile;

  @Field(() => String, { nullable: true, description: '换发原因（第 2 版起）' })
  @Property({ type: 'string', length: 200, nullable: true })
  reissueReason: string | null = null;

  @Field(() => Date, { nullable: true, description: '被换发（成为历史版本）的时间' })
  @Property({ type: 'datetime', nullable: true })
  supersededAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: '撤销时间' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => ID, { nullable: true, description: '撤销人（identity 的 User id）' })
  @Property({ type: 'uuid', nullable: true })
  revokedById: string | null = null;

  @Field(() => String, { nullable: true, description: '撤销人姓名（撤销时）' })
  @Property({ type: 'string', length: 50, nullable: true })
  revokedByName: string | null = null;

  @Field(() => String, { nullable: true, description: '撤销原因' })
  @Property({ type: 'string', length: 200, nullable: true })
  revokeReason: string | null = null;

  /** identity's User id; the row lives in another subgraph, so no foreign key. */
  @Field(() => ID, { nullable: true, description: '上传人（identity 的 User id）' })
  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Field(() => String, { nullable: true, description: '上传人姓名（上传时）' })
  @Property({ type: 'string', length: 50, nullable: true })
  createdByName: string | null = null;

  @Field(() => Date, { description: '上传时间' })
  @Index({ name: 'drawing_review_certificate_created_at_idx' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * The register of certificate numbers: a number belongs to one version chain only. Versions of a
 * chain may keep the number or get a new one on re-issue; another chain can never take it.
 */
@Entity({ tableName: 'drawing_review_certificate_number' })
@Index({ name: 'drawing_review_certificate_number_chain_id_idx', properties: ['chainId'] })
export class DrawingReviewCertificateNumber {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string', length: 50 })
  certificateNo!: string;

  @Property({ type: 'uuid' })
  chainId!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/**
 * 1.1.2 share log: who opened a certificate's detail (VIEW) or was given its file (DOWNLOAD), when,
 * from which department. Append-only (the service role has no UPDATE or DELETE on it).
 */
@Entity({ tableName: 'drawing_review_certificate_share' })
@Index({ name: 'drawing_review_certificate_share_chain_at_idx', properties: ['chainId', 'at'] })
@ObjectType('DrawingReviewCertificateShare', { description: '合格书共享记录：谁在何时从哪个部门查看或下载' })
export class DrawingReviewCertificateShare {
  [OptionalProps]?: 'at' | 'userId' | 'departmentId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DrawingReviewCertificate, { fieldName: 'certificate_id', deleteRule: 'no action' })
  certificate!: DrawingReviewCertificate;

  @Property({ type: 'uuid' })
  chainId!: string;

  @Field(() => CertificateShareAction, { description: '操作：查看详情或下载文件' })
  @Enum({ items: () => CertificateShareAction })
  action!: CertificateShareAction;

  @Field(() => ID, { nullable: true, description: '用户（identity 的 User id）' })
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Field(() => String, { description: '用户姓名（操作时）' })
  @Property({ type: 'string', length: 50 })
  userName!: string;

  @Field(() => ID, { nullable: true, description: '所在部门（identity 的 Department id）' })
  @Property({ type: 'uuid', nullable: true })
  departmentId: string | null = null;

  @Field(() => Date, { description: '时间' })
  @Property({ type: 'datetime' })
  at: Date = new Date();
}
