import { SortOf } from '@hs/kit';
import { Field, Float, ID, InputType } from 'type-graphql';
import { InsuranceState } from '../insurance/insurance.types.js';
import { WageType } from './employment.entity.js';

@InputType('CreateWorkforcePersonInput', { description: '登记实名制人员' })
export class CreatePersonInput {
  @Field(() => String, { description: '姓名' })
  name!: string;

  @Field(() => String, { description: '身份证号（18位，GB 11643 校验）' })
  idCard!: string;

  @Field(() => String, { description: '民族' })
  ethnicity!: string;

  @Field(() => String, { nullable: true, description: '出生日期（YYYY-MM-DD）；不填时取自身份证号，填写时须一致' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: '住址' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '手机号' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '证件照 SHA-256' })
  photoSha256?: string | null;

  @Field(() => String, { description: '工种' })
  trade!: string;

  @Field(() => String, { nullable: true, description: '班组' })
  team?: string | null;

  @Field(() => ID, { nullable: true, description: '关联平台账号（用于手机打卡）' })
  userId?: string | null;
}

@InputType('UpdateWorkforcePersonInput', { description: '修改人员信息（只修改传入的字段；身份证号不可改）' })
export class UpdatePersonInput {
  @Field(() => String, { nullable: true, description: '姓名' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '民族' })
  ethnicity?: string | null;

  @Field(() => String, { nullable: true, description: '住址' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '手机号' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: '证件照 SHA-256' })
  photoSha256?: string | null;

  @Field(() => String, { nullable: true, description: '工种' })
  trade?: string | null;

  @Field(() => String, { nullable: true, description: '班组' })
  team?: string | null;

  @Field(() => ID, { nullable: true, description: '关联平台账号' })
  userId?: string | null;
}

@InputType('WorkforcePersonFilter', { description: '人员筛选条件' })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: '姓名（包含）' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '身份证号（精确）' })
  idCard?: string | null;

  @Field(() => String, { nullable: true, description: '工种' })
  trade?: string | null;

  @Field(() => ID, { nullable: true, description: '在该项目上（在场）' })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: '在该区县的项目上（在场）' })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true, description: '用工单位' })
  enterpriseId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '只看关键岗位人员' })
  keyPostOnly?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: '劳动合同截止日期不晚于（YYYY-MM-DD，在场用工登记；含已到期仍在场的）',
  })
  contractEndTo?: string | null;

  @Field(() => InsuranceState, { nullable: true, description: '社保缴纳状态（最近一次向人社局查询的结果）' })
  insuranceStatus?: InsuranceState | null;
}

/** The columns of the people list that sort, each with an index behind it (Migration20261202220000WorkforceListIndexes). */
export enum WorkforcePersonSortField {
  NAME = 'NAME',
  SEX = 'SEX',
  AGE = 'AGE',
  TRADE = 'TRADE',
  CREATED_AT = 'CREATED_AT',
}

export const WorkforcePersonSort = SortOf('WorkforcePerson', WorkforcePersonSortField, {
  NAME: '姓名',
  SEX: '性别',
  AGE: '年龄（按出生日期）',
  TRADE: '工种',
  CREATED_AT: '登记时间',
});

/** The labour-contract terms, shared by 进场登记 and its later changes. */
@InputType()
class ContractTermsInput {
  @Field(() => String, { nullable: true, description: '劳动合同编号' })
  contractNo?: string | null;

  @Field(() => String, { nullable: true, description: '合同开始日期' })
  contractStart?: string | null;

  @Field(() => String, { nullable: true, description: '合同结束日期' })
  contractEnd?: string | null;

  @Field(() => WageType, { nullable: true, description: '工资计算方式' })
  wageType?: WageType | null;

  @Field(() => Float, { nullable: true, description: '工资标准（元）' })
  wageAmount?: number | null;

  @Field(() => String, {
    nullable: true,
    description: '劳动合同扫描件 SHA-256（先上传，见 createWorkforceUploadTicket）；修改时 null 删除',
  })
  contractFileSha256?: string | null;
}

@InputType('WorkforceEmploymentInput', { description: '用工登记（进场）' })
export class EmploymentInput extends ContractTermsInput {
  @Field(() => ID, { description: '人员 id' })
  personId!: string;

  @Field(() => ID, { description: '工程项目 id' })
  projectId!: string;

  @Field(() => ID, { nullable: true, description: '用工单位（企业 id）' })
  enterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: '用工单位名称' })
  enterpriseName?: string | null;

  @Field(() => String, { description: '岗位（关键岗位见 workforceKeyPosts）' })
  post!: string;

  @Field(() => String, { description: '进场日期（YYYY-MM-DD）' })
  entryDate!: string;
}

@InputType('UpdateWorkforceEmploymentInput', {
  description: '修改岗位和劳动合同（只修改传入的字段；人员、项目、进场日期不可改）',
})
export class UpdateEmploymentInput extends ContractTermsInput {
  @Field(() => String, { nullable: true, description: '岗位' })
  post?: string;
}

@InputType('WorkforceTrainingInput', { description: '培训记录' })
export class TrainingInput {
  @Field(() => String, { description: '培训名称' })
  title!: string;

  @Field(() => String, { description: '培训日期（YYYY-MM-DD）' })
  trainedOn!: string;

  @Field(() => Float, { description: '学时' })
  hours!: number;

  @Field(() => String, { nullable: true, description: '培训机构' })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: '证书编号' })
  certificateNo?: string | null;
}
