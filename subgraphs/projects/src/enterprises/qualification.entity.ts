import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { Enterprise } from './enterprise.entity.js';

/** Where a qualification came from: typed in here, or pulled from the provincial market platform (3.1.2). */
export enum QualificationSource {
  MANUAL = 'MANUAL',
  PROVINCIAL_MARKET = 'PROVINCIAL_MARKET',
}
registerEnumType(QualificationSource, {
  name: 'QualificationSource',
  description: '资质来源',
  valuesConfig: {
    MANUAL: { description: '手工录入' },
    PROVINCIAL_MARKET: { description: '省建筑市场监督与诚信一体化平台' },
  },
});

/** 资质状态: EXPIRING when it ends within QUALIFICATION_EXPIRING_DAYS. */
export enum QualificationStatus {
  VALID = 'VALID',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
}
registerEnumType(QualificationStatus, {
  name: 'QualificationStatus',
  description: '资质状态',
  valuesConfig: {
    VALID: { description: '有效' },
    EXPIRING: { description: '即将到期（90 天内）' },
    EXPIRED: { description: '已过期' },
  },
});

export const QUALIFICATION_STATUS_LABELS: Record<QualificationStatus, string> = {
  VALID: '有效',
  EXPIRING: '即将到期',
  EXPIRED: '已过期',
};

/**
 * One 资质 (qualification) of an enterprise: 证书号, 类别 (kept as `name` in the API, as before),
 * 等级, 有效期至, and where it came from. The pull keeps `sourceId` (the platform's record id),
 * `fetchedAt` and `changedAt` (when a pull last found it different).
 */
@Entity({ tableName: 'enterprise_qualification' })
@Unique({
  name: 'enterprise_qualification_enterprise_certificate_key',
  properties: ['enterprise', 'certificateNo', 'name'],
})
@ObjectType('Qualification', { description: '企业资质' })
export class EnterpriseQualification {
  [OptionalProps]?: 'validUntil' | 'source' | 'sourceId' | 'fetchedAt' | 'changedAt' | 'position';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // By name: enterprise.entity imports this file for its collection.
  @ManyToOne('Enterprise', { deleteRule: 'cascade' })
  enterprise!: Rel<Enterprise>;

  @Field(() => String, { description: '资质类别，如 建筑工程施工总承包' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { description: '资质等级，如 一级' })
  @Property({ type: 'string', length: 20 })
  grade!: string;

  @Field(() => String, { description: '证书编号' })
  @Property({ type: 'string', length: 50 })
  certificateNo!: string;

  /** Serves the enterprise list's 资质状态 filter (expired / expiring). */
  @Field(() => String, { nullable: true, description: '有效期至（YYYY-MM-DD）' })
  @Index({ name: 'enterprise_qualification_valid_until_idx' })
  @Property({ type: 'date', nullable: true })
  validUntil: string | null = null;

  @Field(() => QualificationSource, { description: '来源' })
  @Enum({ items: () => QualificationSource })
  source: QualificationSource = QualificationSource.MANUAL;

  @Property({ type: 'string', length: 64, nullable: true })
  sourceId: string | null = null;

  @Field(() => Date, { nullable: true, description: '从省平台获取的时间' })
  @Property({ type: 'datetime', nullable: true })
  fetchedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: '省平台数据最近一次变化的时间' })
  @Property({ type: 'datetime', nullable: true })
  changedAt: Date | null = null;

  @Property({ type: 'smallint' })
  position: number = 0;
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

export const QUALIFICATION_EXPIRING_DAYS = 90;

/** 资质状态 of one validity date on `today` (YYYY-MM-DD, China time); no date counts as valid. */
export function qualificationStatus(validUntil: string | null, today: string): QualificationStatus {
  if (!validUntil) return QualificationStatus.VALID;
  if (validUntil < today) return QualificationStatus.EXPIRED;
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) + QUALIFICATION_EXPIRING_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return validUntil <= limit ? QualificationStatus.EXPIRING : QualificationStatus.VALID;
}

/** The enterprise's 资质状态: the worst of its qualifications', null without any. */
export function worstStatus(statuses: QualificationStatus[]): QualificationStatus | null {
  if (!statuses.length) return null;
  if (statuses.includes(QualificationStatus.EXPIRED)) return QualificationStatus.EXPIRED;
  if (statuses.includes(QualificationStatus.EXPIRING)) return QualificationStatus.EXPIRING;
  return QualificationStatus.VALID;
}

/** Today in China (UTC+8), YYYY-MM-DD: validity dates are Chinese calendar days. */
export const chinaToday = (now = new Date()): string =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
