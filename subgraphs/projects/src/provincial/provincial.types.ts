import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { GeoPoint, GeoPointInput } from '../common/geo-point.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { QualificationStatus } from '../enterprises/qualification.entity.js';
import { ProjectStatus, ProjectType, UnitRole } from '../projects/project.enums.js';
import { Project } from '../projects/project.entity.js';

@ObjectType('ProvincialConflict', { description: '省平台数据与本平台已登记数据的不一致之处' })
export class ProvincialConflict {
  @Field(() => String, { description: '字段，如 name、address、units.1.name' })
  field!: string;

  @Field(() => String, { description: '中文说明' })
  label!: string;

  @Field(() => String, { nullable: true, description: '本平台已登记的值' })
  stored!: string | null;

  @Field(() => String, { nullable: true, description: '省平台的值' })
  proposed!: string | null;

  @Field(() => Boolean, { description: '为真时不能保存（如编码已属于另一项目），确认也不行' })
  blocking!: boolean;
}

@ObjectType('ProvincialProjectUnit', { description: '省平台返回的参建单位' })
export class ProvincialProjectUnit {
  @Field(() => UnitRole)
  role!: UnitRole;

  @Field(() => String, { description: '单位名称（省平台）' })
  name!: string;

  @Field(() => String, { description: '统一社会信用代码' })
  creditCode!: string;

  @Field(() => String, { nullable: true, description: '项目负责人' })
  projectLeader!: string | null;

  @Field(() => Enterprise, { nullable: true, description: '按统一社会信用代码匹配到的本平台企业' })
  enterprise!: Enterprise | null;

  @Field(() => Boolean, { description: '本平台尚无该企业：确认后新建' })
  isNew!: boolean;
}

@ObjectType('ProvincialProjectProposal', {
  description: '3.1.1 从省工程建设项目审批管理系统获取的项目信息（未保存；确认后由 applyProvincialProject 保存）',
})
export class ProvincialProjectProposal {
  @Field(() => String, { description: '数据来源系统' })
  source!: string;

  @Field(() => Date)
  fetchedAt!: Date;

  @Field(() => String, { description: '本次数据的摘要；保存时传回，省平台数据变化时拒绝保存' })
  digest!: string;

  @Field(() => String, { nullable: true, description: '湖北省工建码' })
  projectCode!: string | null;

  @Field(() => String, { nullable: true, description: '施工许可证编码' })
  permitCode!: string | null;

  @Field(() => String, { nullable: true, description: '项目代码' })
  investmentCode!: string | null;

  @Field(() => String, { nullable: true, description: '省级项目编号' })
  provincialCode!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => ProjectType)
  type!: ProjectType;

  @Field(() => String)
  districtCode!: string;

  @Field(() => String)
  address!: string;

  @Field(() => GeoPoint, { nullable: true })
  location!: GeoPoint | null;

  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => String, { nullable: true })
  startDate!: string | null;

  @Field(() => String, { nullable: true })
  plannedEndDate!: string | null;

  @Field(() => String, { nullable: true })
  completedDate!: string | null;

  @Field(() => Float, { nullable: true, description: '建筑面积（平方米）' })
  area!: number | null;

  @Field(() => Float, { nullable: true, description: '总投资（万元，省平台）' })
  totalInvestment!: number | null;

  @Field(() => [ProvincialProjectUnit])
  units!: ProvincialProjectUnit[];

  @Field(() => Project, { nullable: true, description: '本平台已登记的同一项目（按任一编码匹配）' })
  existingProject!: Project | null;

  @Field(() => [ProvincialConflict])
  conflicts!: ProvincialConflict[];
}

@ObjectType('ProvincialQualification', { description: '省平台返回的企业资质' })
export class ProvincialQualification {
  @Field(() => String, { description: '资质类别' })
  name!: string;

  @Field(() => String)
  grade!: string;

  @Field(() => String)
  certificateNo!: string;

  @Field(() => String, { nullable: true })
  validUntil!: string | null;

  @Field(() => QualificationStatus)
  status!: QualificationStatus;
}

@ObjectType('ProvincialEnterpriseProposal', {
  description:
    '3.1.2 从省建筑市场监督与诚信一体化平台获取的企业信息（未保存；确认后由 applyProvincialEnterprise 保存）',
})
export class ProvincialEnterpriseProposal {
  @Field(() => String)
  source!: string;

  @Field(() => Date)
  fetchedAt!: Date;

  @Field(() => String)
  digest!: string;

  @Field(() => String)
  creditCode!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  registeredAddress!: string | null;

  @Field(() => String, { nullable: true })
  legalRepresentative!: string | null;

  @Field(() => String, { description: '注册地行政区划代码（取自统一社会信用代码第3至8位）' })
  districtCode!: string;

  @Field(() => [ProvincialQualification])
  qualifications!: ProvincialQualification[];

  @Field(() => Enterprise, { nullable: true, description: '本平台已登记的该企业' })
  existing!: Enterprise | null;

  @Field(() => [ProvincialConflict])
  conflicts!: ProvincialConflict[];
}

/**
 * What the user changed in the form after 「从省平台获取」 filled it (3.1.1): each field given wins
 * over the province's value on save; a field left out keeps the province's. Codes and units are
 * the province's (they decide which project and which enterprises the data belongs to).
 */
@InputType('ProvincialProjectEdits', {
  description: '用户在表单中对省平台数据所做的修改（未给出的字段以省平台数据为准）',
})
export class ProvincialProjectEdits {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => ProjectType, { nullable: true }) type?: ProjectType | null;
  @Field(() => ProjectStatus, { nullable: true }) status?: ProjectStatus | null;
  @Field(() => String, { nullable: true, description: '所在区县行政区划代码' }) districtCode?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => GeoPointInput, { nullable: true }) location?: GeoPointInput | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD；null 表示清空' }) startDate?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD；null 表示清空' }) plannedEndDate?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD；null 表示清空' }) completedDate?: string | null;
  @Field(() => Float, { nullable: true, description: '建筑面积（平方米）；null 表示清空' }) area?: number | null;
}
