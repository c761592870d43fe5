import { SortOf } from '@hs/kit';
import { Field, ID, InputType } from 'type-graphql';
import {
  DrawingReviewCertificateStatus,
  DrawingReviewConclusion,
  DrawingReviewDiscipline,
} from './certificate.enums.js';

/** The fields every version carries; a re-issue gives them all again (the admin pre-fills them). */
@InputType('DrawingReviewCertificateFields', { description: '合格书各版本的字段' })
abstract class CertificateFields {
  @Field(() => String, { description: '合格书编号（同一编号只属于一份合格书的版本链）' })
  certificateNo!: string;

  @Field(() => String, { description: '审查机构名称' })
  reviewAgency!: string;

  @Field(() => String, { nullable: true, description: '审查机构统一社会信用代码（选填）' })
  reviewAgencyCreditCode?: string | null;

  @Field(() => String, { description: '审查日期（YYYY-MM-DD，不晚于今天）' })
  reviewDate!: string;

  @Field(() => [DrawingReviewDiscipline], { description: '审查范围/专业（至少一项）' })
  disciplines!: DrawingReviewDiscipline[];

  @Field(() => DrawingReviewConclusion, { description: '审查结论' })
  conclusion!: DrawingReviewConclusion;

  @Field(() => String, { nullable: true, description: '有效期起（YYYY-MM-DD）；长期有效时与有效期止都不填' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: '有效期止（YYYY-MM-DD）' })
  validUntil?: string | null;

  @Field(() => String, { description: '合格书文件的 SHA-256（先用 createDrawingReviewUploadTicket 上传 PDF 或图片）' })
  fileSha256!: string;
}

@InputType({ description: '上传施工图联合审查合格书' })
export class AddDrawingReviewCertificateInput extends CertificateFields {
  @Field(() => ID, { description: '工程项目' })
  projectId!: string;
}

@InputType({ description: '换发合格书：新版本取代当前版本，当前版本保留为只读的历史版本' })
export class ReissueDrawingReviewCertificateInput extends CertificateFields {
  @Field(() => String, { description: '换发原因' })
  reason!: string;
}

@InputType({ description: '合格书列表筛选条件' })
export class DrawingReviewCertificateFilter {
  @Field(() => String, { nullable: true, description: '关键字：合格书编号或审查机构' })
  keyword?: string | null;

  @Field(() => ID, { nullable: true, description: '工程项目' })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: '工程项目所在区县行政区划代码' })
  districtCode?: string | null;

  @Field(() => DrawingReviewCertificateStatus, {
    nullable: true,
    description: '状态（有效或已撤销；列表只列各合格书的最新版本）',
  })
  status?: DrawingReviewCertificateStatus | null;

  @Field(() => DrawingReviewConclusion, { nullable: true, description: '审查结论' })
  conclusion?: DrawingReviewConclusion | null;

  @Field(() => DrawingReviewDiscipline, { nullable: true, description: '包含该审查专业' })
  discipline?: DrawingReviewDiscipline | null;

  @Field(() => String, { nullable: true, description: '审查日期起（YYYY-MM-DD）' })
  reviewDateFrom?: string | null;

  @Field(() => String, { nullable: true, description: '审查日期止（YYYY-MM-DD）' })
  reviewDateTo?: string | null;
}

export enum DrawingReviewCertificateSortField {
  CERTIFICATE_NO = 'CERTIFICATE_NO',
  REVIEW_AGENCY = 'REVIEW_AGENCY',
  REVIEW_DATE = 'REVIEW_DATE',
  VALID_UNTIL = 'VALID_UNTIL',
  STATUS = 'STATUS',
  CREATED_AT = 'CREATED_AT',
}

export const DrawingReviewCertificateSort = SortOf('DrawingReviewCertificate', DrawingReviewCertificateSortField, {
  CERTIFICATE_NO: '合格书编号',
  REVIEW_AGENCY: '审查机构',
  REVIEW_DATE: '审查日期',
  VALID_UNTIL: '有效期止',
  STATUS: '状态',
  CREATED_AT: '上传时间',
});
