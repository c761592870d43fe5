import { Field, Float, ID, InputType } from 'type-graphql';
import { InspectionCategory, InspectionStatus } from './inspection.enums.js';

@InputType('CreateFireInspectionInput', { description: '新增消防验收抽查项目（1.3.1）' })
export class CreateFireInspectionInput {
  @Field(() => ID, {
    nullable: true,
    description: '关联的工程项目 id（projects 子图）；前端选择项目后带出名称、区县、地址和参建单位',
  })
  projectId?: string | null;

  @Field(() => String, { description: '建筑工程项目名称' })
  projectName!: string;

  @Field(() => String, { description: '所在区县行政区划代码（黄石市所辖区县）' })
  districtCode!: string;

  @Field(() => String, { nullable: true, description: '建设单位' })
  builderUnit?: string | null;

  @Field(() => String, { nullable: true, description: '设计单位' })
  designUnit?: string | null;

  @Field(() => String, { nullable: true, description: '施工总包单位' })
  generalContractorUnit?: string | null;

  @Field(() => String, { nullable: true, description: '消防施工单位' })
  fireContractorUnit?: string | null;

  @Field(() => String, { nullable: true, description: '监理单位' })
  supervisorUnit?: string | null;

  @Field(() => String, { nullable: true, description: '消防检测机构单位' })
  fireTestingUnit?: string | null;

  @Field(() => String, { description: '项目负责人姓名' })
  leaderName!: string;

  @Field(() => String, { nullable: true, description: '项目负责人联系电话（手机号）' })
  leaderPhone?: string | null;

  @Field(() => String, { nullable: true, description: '项目负责人身份证号' })
  leaderIdCard?: string | null;

  @Field(() => String, { description: '工程地址' })
  address!: string;

  @Field(() => Float, { nullable: true, description: '工地位置纬度（WGS84，选择项目后带出其位置）' })
  siteLatitude?: number | null;

  @Field(() => Float, { nullable: true, description: '工地位置经度（WGS84）' })
  siteLongitude?: number | null;

  @Field(() => InspectionCategory, { description: '项目类别' })
  category!: InspectionCategory;

  @Field(() => Boolean, { nullable: true, description: '是否含装饰装修工程（默认否）' })
  decoration?: boolean | null;

  @Field(() => String, { nullable: true, description: '装饰装修范围说明' })
  decorationDescription?: string | null;

  @Field(() => String, { nullable: true, description: '检查日期 YYYY-MM-DD' })
  inspectionDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否改变用途（默认否）' })
  changeOfUse?: boolean | null;

  @Field(() => String, { nullable: true, description: '使用性质（改变用途时必填）' })
  useNature?: string | null;

  @Field(() => String, { nullable: true, description: '原有用途（改变用途时必填）' })
  originalUse?: string | null;
}

/** Only the fields given change; an explicit null clears a nullable field. */
@InputType('UpdateFireInspectionInput', { description: '修改消防验收抽查项目（只修改传入的字段）' })
export class UpdateFireInspectionInput {
  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => String, { nullable: true })
  projectName?: string | null;

  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => String, { nullable: true })
  builderUnit?: string | null;

  @Field(() => String, { nullable: true })
  designUnit?: string | null;

  @Field(() => String, { nullable: true })
  generalContractorUnit?: string | null;

  @Field(() => String, { nullable: true })
  fireContractorUnit?: string | null;

  @Field(() => String, { nullable: true })
  supervisorUnit?: string | null;

  @Field(() => String, { nullable: true })
  fireTestingUnit?: string | null;

  @Field(() => String, { nullable: true })
  leaderName?: string | null;

  @Field(() => String, { nullable: true })
  leaderPhone?: string | null;

  @Field(() => String, { nullable: true })
  leaderIdCard?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Float, { nullable: true, description: '工地位置纬度（WGS84）；与经度一起传 null 清除' })
  siteLatitude?: number | null;

  @Field(() => Float, { nullable: true, description: '工地位置经度（WGS84）' })
  siteLongitude?: number | null;

  @Field(() => InspectionCategory, { nullable: true })
  category?: InspectionCategory | null;

  @Field(() => Boolean, { nullable: true })
  decoration?: boolean | null;

  @Field(() => String, { nullable: true })
  decorationDescription?: string | null;

  @Field(() => String, { nullable: true })
  inspectionDate?: string | null;

  @Field(() => Boolean, { nullable: true })
  changeOfUse?: boolean | null;

  @Field(() => String, { nullable: true })
  useNature?: string | null;

  @Field(() => String, { nullable: true })
  originalUse?: string | null;
}

@InputType('FireInspectionFilter', { description: '抽查项目查询条件（1.3.8）；文字条件为“包含”' })
export class FireInspectionFilter {
  @Field(() => String, { nullable: true, description: '关键字：项目名称或工程地址' })
  keyword?: string | null;

  @Field(() => String, { nullable: true, description: '建筑工程项目名称' })
  projectName?: string | null;

  @Field(() => String, { nullable: true, description: '建设单位' })
  builderUnit?: string | null;

  @Field(() => String, { nullable: true, description: '设计单位' })
  designUnit?: string | null;

  @Field(() => String, { nullable: true, description: '施工总包单位' })
  generalContractorUnit?: string | null;

  @Field(() => String, { nullable: true, description: '消防施工单位' })
  fireContractorUnit?: string | null;

  @Field(() => String, { nullable: true, description: '监理单位' })
  supervisorUnit?: string | null;

  @Field(() => String, { nullable: true, description: '消防检测机构单位' })
  fireTestingUnit?: string | null;

  @Field(() => String, { nullable: true, description: '项目负责人姓名' })
  leaderName?: string | null;

  @Field(() => String, { nullable: true, description: '工程地址' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '项目负责人身份证号（精确匹配）' })
  leaderIdCard?: string | null;

  @Field(() => InspectionCategory, { nullable: true, description: '项目类别' })
  category?: InspectionCategory | null;

  @Field(() => String, { nullable: true, description: '检查日期起（含），YYYY-MM-DD' })
  inspectionDateFrom?: string | null;

  @Field(() => String, { nullable: true, description: '检查日期止（含），YYYY-MM-DD' })
  inspectionDateTo?: string | null;

  @Field(() => String, { nullable: true, description: '区县行政区划代码；420200 表示全市' })
  districtCode?: string | null;

  @Field(() => InspectionStatus, { nullable: true })
  status?: InspectionStatus | null;

  @Field(() => ID, { nullable: true, description: '关联工程项目 id' })
  projectId?: string | null;
}
