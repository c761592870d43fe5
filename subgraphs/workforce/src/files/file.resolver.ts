import { hasPermission, requireCaller, signedFileUrl, signedUploadUrl } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { WorkforceContext } from '../context.js';
import { Employment } from '../people/employment.entity.js';
import { Person } from '../people/person.entity.js';
import { WorkforcePermission } from '../permissions.js';
import { UPLOAD_POLICIES } from './file.service.js';
import { WorkforceFile, WorkforceFilePurpose, WorkforceUploadTicket } from './file.types.js';

async function fileOf(sha256: string | null, ctx: WorkforceContext, mayOpen: boolean): Promise<WorkforceFile | null> {
  if (!sha256) return null;
  const row = await ctx.loaders.storedFileBySha.load(sha256);
  if (!row) return null;
  return {
    sha256: row.sha256,
    mimeType: row.mime_type,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    uploadedAt: new Date(row.created_at),
    url: mayOpen ? signedFileUrl(ctx.runtime.fieldKey, 'workforce', row.sha256, ctx.runtime.now()) : null,
  };
}

@Resolver(() => WorkforceUploadTicket)
export class UploadTicketResolver {
  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => WorkforceUploadTicket, {
    description:
      '申请上传证件照或劳动合同扫描件：返回 10 分钟内有效的上传地址；上传后把返回的 sha256 填入人员或用工登记',
  })
  createWorkforceUploadTicket(
    @Arg('purpose', () => WorkforceFilePurpose) purpose: WorkforceFilePurpose,
    @Ctx() ctx: WorkforceContext,
  ): WorkforceUploadTicket {
    const caller = requireCaller(ctx);
    const policy = UPLOAD_POLICIES[purpose];
    const ticket = signedUploadUrl(ctx.runtime.fieldKey, 'workforce', purpose, caller.userId, ctx.runtime.now());
    return { ...ticket, maxBytes: policy.maxBytes, acceptedTypes: [...policy.acceptedTypes] };
  }
}

@Resolver(() => Person)
export class PersonFileResolver {
  @FieldResolver(() => WorkforceFile, { nullable: true, description: '证件照' })
  photo(@Root() person: Person, @Ctx() ctx: WorkforceContext): Promise<WorkforceFile | null> {
    return fileOf(person.photoSha256, ctx, true);
  }
}

@Resolver(() => Employment)
export class EmploymentFileResolver {
  @FieldResolver(() => WorkforceFile, {
    nullable: true,
    description: '劳动合同扫描件（含完整身份证号：无 workforce:person:sensitive 权限时只显示已上传，不给下载地址）',
  })
  contractFile(@Root() employment: Employment, @Ctx() ctx: WorkforceContext): Promise<WorkforceFile | null> {
    return fileOf(employment.contractFileSha256, ctx, hasPermission(ctx.caller, WorkforcePermission.PERSON_SENSITIVE));
  }
}
