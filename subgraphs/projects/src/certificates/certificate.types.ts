import { PageOf } from '@hs/kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DrawingReviewCertificate, DrawingReviewCertificateShare } from './certificate.entity.js';

export const DrawingReviewCertificatePage = PageOf(DrawingReviewCertificate);
export const DrawingReviewCertificateSharePage = PageOf(DrawingReviewCertificateShare);

/** identity's Department, referenced only: the router fetches its fields from identity. */
@ObjectType('Department')
@Directive('@key(fields: "id", resolvable: false)')
export class DepartmentRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('DrawingReviewCertificateFile', {
  description: '合格书文件（按内容识别类型；下载请用 downloadDrawingReviewCertificate）',
})
export class DrawingReviewCertificateFile {
  @Field(() => String, { description: '文件 SHA-256（文件按摘要存储）' })
  sha256!: string;

  @Field(() => String, { description: '文件类型（按文件内容识别）：application/pdf、image/jpeg、image/png' })
  mimeType!: string;

  @Field(() => Int, { description: '文件大小（字节）' })
  byteSize!: number;

  @Field(() => Int, { nullable: true, description: '图片宽度（像素）；PDF 为空' })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: '图片高度（像素）；PDF 为空' })
  height!: number | null;
}

@ObjectType('DrawingReviewUploadTicket', { description: '一次合格书文件上传的签名地址' })
export class DrawingReviewUploadTicket {
  @Field(() => String, {
    description: '上传地址（相对路径）：以 POST 发送文件内容作为请求体，成功返回 201 和 { file: { sha256, … } }',
  })
  url!: string;

  @Field(() => Date, { description: '上传地址的失效时间（10 分钟）' })
  expiresAt!: Date;

  @Field(() => Int, { description: '允许的最大文件大小（字节）' })
  maxBytes!: number;

  @Field(() => [String], { description: '接受的文件类型（按文件内容检查）' })
  acceptedTypes!: string[];
}
