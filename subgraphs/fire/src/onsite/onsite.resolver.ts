import { requireCaller, signedFileUrl } from '@hs/kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import type { FireContext } from '../context.js';

import { Inspection } from '../inspections/inspection.entity.js';
import { FirePermission } from '../permissions.js';
import { openSiteVisit, uploadPhoto, visitWarning } from './onsite.service.js';
import { SitePhoto } from './photo.entity.js';
import { SiteVisit } from './site-visit.entity.js';

@InputType('FirePositionInput', { description: '浏览器定位结果（WGS84）' })
export class PositionInput {
  @Field(() => Float, { description: '纬度' })
  latitude!: number;

  @Field(() => Float, { description: '经度' })
  longitude!: number;

  @Field(() => Float, { description: '定位精度（米）' })
  accuracy!: number;
}

@ObjectType('FireSiteVisitOpened', { description: '已开启的现场检查' })
export class SiteVisitOpened {
  @Field(() => SiteVisit)
  visit!: SiteVisit;

  @Field(() => String, {
    description: '本次现场检查的拍摄密钥（十六进制）：手机页面用它为每张照片计算 HMAC-SHA256，只返回这一次',
  })
  captureKey!: string;
}

@InputType('FirePhotoInput', { description: '现场照片（页面相机拍摄并加水印的 JPEG）' })
export class PhotoInput {
  @Field(() => ID, { description: '现场检查标识（openFireSiteVisit 返回）' })
  visitId!: string;

  @Field(() => String, { description: 'JPEG 图片的 data URL（data:image/jpeg;base64,…），不超过 700 KB' })
  imageDataUrl!: string;

  @Field(() => String, { description: '拍摄时间（ISO 8601，手机时钟）' })
  capturedAt!: string;

  @Field(() => Float, { description: '拍摄位置纬度' })
  latitude!: number;

  @Field(() => Float, { description: '拍摄位置经度' })
  longitude!: number;

  @Field(() => Float, { description: '定位精度（米）' })
  accuracy!: number;

  @Field(() => String, {
    description:
      '拍摄校验码：HMAC-SHA256(拍摄密钥, "hs-fire-photo/1\\n" + visitId + "\\n" + capturedAt + "\\n" + 纬度 + "\\n" + 经度 + "\\n" + 精度 + "\\n" + 图片 SHA-256)',
  })
  captureMac!: string;

  @Field(() => String, { nullable: true, description: '检查项目编码 01–18' })
  itemCode?: string | null;

  @Field(() => ID, { nullable: true, description: '部位标识' })
  locationKey?: string | null;

  @Field(() => String, { nullable: true, description: '检查内容编码' })
  lineCode?: string | null;

  @Field(() => String, { nullable: true, description: '说明' })
  note?: string | null;
}

@Resolver(() => SiteVisit)
export class SiteVisitResolver {
  @FieldResolver(() => String, { nullable: true, description: '提示（离工地较远、定位精度差、项目未标注位置）' })
  warning(@Root() visit: SiteVisit): string | null {
    return visitWarning(visit);
  }

  @Authorized(FirePermission.RESULT_RECORD)
  @Mutation(() => SiteVisitOpened, { description: '开启现场检查（1.3.5）：记录定位及精度，离工地较远时给出提示' })
  async openFireSiteVisit(
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('position', () => PositionInput) position: PositionInput,
    @Ctx() ctx: FireContext,
  ): Promise<SiteVisitOpened> {
    return openSiteVisit(ctx.em, requireCaller(ctx), inspectionId, position, ctx.runtime, ctx.userAgent);
  }
}

@Resolver(() => SitePhoto)
export class SitePhotoResolver {
  @FieldResolver(() => String, { description: '图片的 SHA-256' })
  sha256(@Root() photo: SitePhoto): string {
    return photo.file.sha256;
  }

  @FieldResolver(() => String, { description: '图片地址（签名链接，15 分钟内有效）' })
  url(@Root() photo: SitePhoto, @Ctx() ctx: FireContext): string {
    return signedFileUrl(ctx.runtime.fieldKey, 'fire', photo.file.sha256, ctx.runtime.now());
  }

  @FieldResolver(() => ID, { description: '所属现场检查' })
  visitId(@Root() photo: SitePhoto): string {
    return photo.visit.id;
  }

  @Authorized(FirePermission.RESULT_RECORD)
  @Mutation(() => SitePhoto, {
    description:
      '上传现场照片（1.3.5）：只接受本页面相机在本人开启的本次现场检查中拍摄的照片（拍摄校验码、拍摄时间、无相册 EXIF）；同一照片重复上传返回同一记录',
  })
  uploadFirePhoto(
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('input', () => PhotoInput) input: PhotoInput,
    @Ctx() ctx: FireContext,
  ): Promise<SitePhoto> {
    return uploadPhoto(ctx.em, requireCaller(ctx), inspectionId, input, ctx.runtime);
  }
}

@Resolver(() => Inspection)
export class InspectionOnsiteResolver {
  @FieldResolver(() => [SitePhoto], { description: '现场照片（拍摄时间顺序；可按检查项目、部位筛选）' })
  async photos(
    @Root() inspection: Inspection,
    @Ctx() ctx: FireContext,
    @Arg('itemCode', () => String, { nullable: true }) itemCode?: string | null,
    @Arg('locationKey', () => ID, { nullable: true }) locationKey?: string | null,
  ): Promise<SitePhoto[]> {
    const all = await ctx.loaders.photosByInspection.load(inspection.id);
    return all.filter((p) => (!itemCode || p.itemCode === itemCode) && (!locationKey || p.locationKey === locationKey));
  }

  @FieldResolver(() => [SiteVisit], { description: '现场检查记录（开启时间顺序）' })
  siteVisits(@Root() inspection: Inspection, @Ctx() ctx: FireContext): Promise<SiteVisit[]> {
    return ctx.loaders.visitsByInspection.load(inspection.id);
  }
}
