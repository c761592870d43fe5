import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WorkforceFilePurpose {
  PERSON_PHOTO = 'PERSON_PHOTO',
  CONTRACT = 'CONTRACT',
}
registerEnumType(WorkforceFilePurpose, {
  name: 'WorkforceFilePurpose',
  description: '上传文件的用途（决定接受的文件类型和大小）',
  valuesConfig: {
    PERSON_PHOTO: { description: '人员证件照：JPEG 或 PNG，不超过 2 MiB' },
    CONTRACT: { description: '劳动合同扫描件：PDF、JPEG 或 PNG，不超过 10 MiB' },
  },
});

/** A row of workforce.stored_file. */
export interface StoredFileRow {
  sha256: string;
  mime_type: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  /** A string from raw SQL through MikroORM, a Date through pg. */
  created_at: Date | string;
}

@ObjectType('WorkforceFile', { description: '已上传的文件（证件照、劳动合同扫描件）' })
export class WorkforceFile {
  @Field(() => String, { description: '文件 SHA-256（文件按摘要存储）' })
  sha256!: string;

  @Field(() => String, { description: '文件类型（按文件内容识别）：image/jpeg、image/png、application/pdf' })
  mimeType!: string;

  @Field(() => Int, { description: '文件大小（字节）' })
  byteSize!: number;

  @Field(() => Int, { nullable: true, description: '图片宽度（像素）；PDF 为空' })
  width!: number | null;

  @Field(() => Int, { nullable: true, description: '图片高度（像素）；PDF 为空' })
  height!: number | null;

  @Field(() => Date, { description: '上传时间' })
  uploadedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: '下载地址（签名链接，15 分钟内有效，过期请重新查询）；无权查看原件时为空',
  })
  url!: string | null;
}

@ObjectType('WorkforceUploadTicket', { description: '一次文件上传的签名地址' })
export class WorkforceUploadTicket {
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
