import { SortOf } from '@hs/kit';
import { Field, InputType } from 'type-graphql';
import { QualificationInput } from './qualification.entity.js';

@InputType('CreateEnterpriseInput', { description: '新增企业' })
export class CreateEnterpriseInput {
  @Field(() => String, { description: '统一社会信用代码' })
  creditCode!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  registeredAddress?: string | null;

  @Field(() => String, { nullable: true })
  legalRepresentative?: string | null;

  @Field(() => String, { description: '注册地行政区划代码（GB/T 2260）' })
  districtCode!: string;

  @Field(() => [QualificationInput], { nullable: true })
  qualifications?: QualificationInput[] | null;
}

@InputType('UpdateEnterpriseInput', { description: '修改企业（只修改传入的字段）' })
export class UpdateEnterpriseInput {
  @Field(() => String, { nullable: true })
  creditCode?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  registeredAddress?: string | null;

  @Field(() => String, { nullable: true })
  legalRepresentative?: string | null;

  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => [QualificationInput], { nullable: true, description: '传入时整体替换' })
  qualifications?: QualificationInput[] | null;
}

@InputType('EnterpriseFilter', { description: '企业查询条件' })
export class EnterpriseFilter {
  @Field(() => String, { nullable: true, description: '关键字：企业名称或统一社会信用代码' })
  keyword?: string | null;

  @Field(() => String, { nullable: true, description: '注册地行政区划代码' })
  districtCode?: string | null;
}

/** The enterprise list's sortable columns (ADR 0013): each has an index behind it (Migration20261202210000ListIndexes). */
export enum EnterpriseSortField {
  NAME = 'NAME',
  CREDIT_CODE = 'CREDIT_CODE',
  DISTRICT_CODE = 'DISTRICT_CODE',
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
  REGISTERED_ADDRESS = 'REGISTERED_ADDRESS',
  CREATED_AT = 'CREATED_AT',
}

export const EnterpriseSort = SortOf('Enterprise', EnterpriseSortField, {
  NAME: '企业名称',
  CREDIT_CODE: '统一社会信用代码',
  DISTRICT_CODE: '注册地（按行政区划代码）',
  LEGAL_REPRESENTATIVE: '法定代表人',
  REGISTERED_ADDRESS: '注册地址',
  CREATED_AT: '登记时间',
});
