import {
  DownloadLink,
  exportLink,
  issueDownloadLink,
  notFound,
  type Page,
  PageInput,
  pageWindow,
  Permission,
  requireCaller,
  signedUploadUrl,
  type Sort,
} from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { linkOptions } from '../common/download-links.js';
import type { ProjectsContext } from '../context.js';
import { Project } from '../projects/project.entity.js';
import { UserRef } from '../projects/project.types.js';
import { DrawingReviewCertificate, DrawingReviewCertificateShare } from './certificate.entity.js';
import { CertificateShareAction } from './certificate.enums.js';
import { DRAWING_CERTIFICATE_PURPOSE, UPLOAD_POLICIES } from './certificate.files.js';
import {
  AddDrawingReviewCertificateInput,
  DrawingReviewCertificateFilter,
  DrawingReviewCertificateSort,
  type DrawingReviewCertificateSortField,
  ReissueDrawingReviewCertificateInput,
} from './certificate.inputs.js';
import {
  CERTIFICATE_FILE_KINDS,
  CERTIFICATE_LIST_TITLE,
  type CertificateListArgs,
  CERTIFICATES_EXPORT,
} from './certificate.lists.js';
import {
  addCertificate,
  certificateListWhere,
  findCertificateByNumber,
  listCertificates,
  reissueCertificate,
  revokeCertificate,
  writeShares,
} from './certificate.service.js';
import {
  DepartmentRef,
  DrawingReviewCertificateFile,
  DrawingReviewCertificatePage,
  DrawingReviewCertificateSharePage,
  DrawingReviewUploadTicket,
} from './certificate.types.js';

const CERTIFICATE = '施工图联合审查合格书';

/**
 * 1.1 施工图联合审查合格书. Every read is within the caller's data scope over the certificate's
 * project (1.1.2: every department whose scope covers the project sees it; bureau systems read the
 * same fields through the graph). "Viewed", for the share log, means the detail was read through
 * `drawingReviewCertificate` or `drawingReviewCertificateByNumber`; lists (the paged list, a
 * project's certificates, versions) log nothing. A download is logged when its link is issued.
 */
@Resolver(() => DrawingReviewCertificate)
export class DrawingReviewCertificateResolver {
  @Authorized(Permission.PROJECT_CERTIFICATE_VIEW)
  @Query(() => DrawingReviewCertificatePage, {
    description: '施工图联合审查合格书列表（各合格书的最新版本；按数据权限过滤）',
  })
  drawingReviewCertificates(
    @Arg('filter', () => DrawingReviewCertificateFilter, { nullable: true })
    filter: DrawingReviewCertificateFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => DrawingReviewCertificateSort, { nullable: true })
    sort: Sort<DrawingReviewCertificateSortField> | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<Page<DrawingReviewCertificate>> {
    return listCertificates(ctx.em, ctx.caller, filter, page, sort);
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_VIEW)
  @Query(() => DrawingReviewCertificate, {
    description: '合格书详情（任一版本）；记入共享记录（查看）。无权查看时与不存在一样返回 NOT_FOUND',
  })
  async drawingReviewCertificate(@Arg('id', () => ID) id: string, @Ctx() ctx: ProjectsContext) {
    const certificate = await ctx.certificates.byId.load(id);
    if (!certificate) throw notFound(CERTIFICATE);
    await ctx.certificates.recordView.load(certificate);
    return certificate;
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_VIEW)
  @Query(() => DrawingReviewCertificate, {
    description: '按合格书编号查询（返回该合格书的最新版本）；记入共享记录（查看）',
  })
  async drawingReviewCertificateByNumber(
    @Arg('certificateNo', () => String) certificateNo: string,
    @Ctx() ctx: ProjectsContext,
  ) {
    const certificate = await findCertificateByNumber(ctx.em, ctx.caller, certificateNo);
    await ctx.certificates.recordView.load(certificate);
    return certificate;
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_VIEW)
  @Mutation(() => DownloadLink, {
    description: '下载合格书文件（任一版本）：返回 5 分钟内有效的下载地址，并记入共享记录（下载）',
  })
  async downloadDrawingReviewCertificate(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const certificate = await ctx.certificates.byId.load(id);
    if (!certificate) throw notFound(CERTIFICATE);
    const file = await ctx.certificates.fileBySha.load(certificate.file.sha256);
    const kind = file ? CERTIFICATE_FILE_KINDS[file.mimeType] : undefined;
    if (!kind) throw notFound('合格书文件');
    await writeShares(ctx.em, caller, [certificate], CertificateShareAction.DOWNLOAD);
    const options = linkOptions(ctx);
    return issueDownloadLink(
      options.fieldKey,
      options.subgraph,
      {
        kind: kind.kind,
        args: { id: certificate.id },
        caller,
        fileName: `施工图审查合格书-${certificate.certificateNo}-第${certificate.version}版.${kind.extension}`,
      },
      1,
      options.now,
    );
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_VIEW)
  @Mutation(() => DownloadLink, {
    description: '导出合格书列表（当前筛选与排序，或所选的合格书；按数据权限）为 Excel；返回 5 分钟内有效的下载地址',
  })
  async exportDrawingReviewCertificates(
    @Arg('filter', () => DrawingReviewCertificateFilter, { nullable: true })
    filter: DrawingReviewCertificateFilter | null,
    @Arg('sort', () => DrawingReviewCertificateSort, { nullable: true })
    sort: Sort<DrawingReviewCertificateSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些合格书（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await ctx.em.count(DrawingReviewCertificate, certificateListWhere(ctx.em, caller, filter, ids));
    const args: CertificateListArgs = { filter, sort, ids };
    return exportLink(
      linkOptions(ctx),
      { kind: CERTIFICATES_EXPORT, title: CERTIFICATE_LIST_TITLE, caller, args: { ...args } },
      count,
    );
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_EDIT)
  @Mutation(() => DrawingReviewUploadTicket, {
    description: '申请上传合格书文件（PDF、JPEG 或 PNG，不超过 10 MiB）：返回 10 分钟内有效的上传地址',
  })
  createDrawingReviewUploadTicket(@Ctx() ctx: ProjectsContext): DrawingReviewUploadTicket {
    const caller = requireCaller(ctx);
    const policy = UPLOAD_POLICIES[DRAWING_CERTIFICATE_PURPOSE];
    const options = linkOptions(ctx);
    const ticket = signedUploadUrl(
      options.fieldKey,
      'projects',
      DRAWING_CERTIFICATE_PURPOSE,
      caller.userId,
      options.now,
    );
    return { ...ticket, maxBytes: policy.maxBytes, acceptedTypes: [...policy.acceptedTypes] };
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_EDIT)
  @Mutation(() => DrawingReviewCertificate, { description: '上传施工图联合审查合格书（第 1 版）' })
  addDrawingReviewCertificate(
    @Arg('input', () => AddDrawingReviewCertificateInput) input: AddDrawingReviewCertificateInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DrawingReviewCertificate> {
    return addCertificate(ctx.em, requireCaller(ctx), input);
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_EDIT)
  @Mutation(() => DrawingReviewCertificate, {
    description: '换发合格书：新版本取代当前版本（当前版本保留为只读的历史版本）；返回新版本',
  })
  reissueDrawingReviewCertificate(
    @Arg('id', () => ID, { description: '当前（最新）版本的 id' }) id: string,
    @Arg('input', () => ReissueDrawingReviewCertificateInput) input: ReissueDrawingReviewCertificateInput,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DrawingReviewCertificate> {
    return reissueCertificate(ctx.em, requireCaller(ctx), id, input);
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_EDIT)
  @Mutation(() => DrawingReviewCertificate, { description: '撤销合格书（须填写原因；各版本保留可查）' })
  revokeDrawingReviewCertificate(
    @Arg('id', () => ID, { description: '当前（最新）版本的 id' }) id: string,
    @Arg('reason', () => String, { description: '撤销原因' }) reason: string,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DrawingReviewCertificate> {
    return revokeCertificate(ctx.em, requireCaller(ctx), id, reason);
  }

  // --- fields ---------------------------------------------------------------------------------

  @FieldResolver(() => Project, { description: '工程项目' })
  async project(@Root() certificate: DrawingReviewCertificate, @Ctx() ctx: ProjectsContext): Promise<Project> {
    const project = await ctx.loaders.projectById.load(certificate.project.id);
    if (!project) throw notFound('工程项目');
    return project;
  }

  @FieldResolver(() => DrawingReviewCertificateFile, { description: '合格书文件' })
  async file(
    @Root() certificate: DrawingReviewCertificate,
    @Ctx() ctx: ProjectsContext,
  ): Promise<DrawingReviewCertificateFile> {
    const file = await ctx.certificates.fileBySha.load(certificate.file.sha256);
    if (!file) throw notFound('合格书文件');
    return file;
  }

  @FieldResolver(() => [DrawingReviewCertificate], { description: '该合格书的全部版本（新的在前，含本版本）' })
  versions(@Root() certificate: DrawingReviewCertificate, @Ctx() ctx: ProjectsContext) {
    return ctx.certificates.versionsByChain.load(certificate.chainId);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: '上传人' })
  createdBy(@Root() certificate: DrawingReviewCertificate): UserRef | null {
    return certificate.createdById ? ({ __typename: 'User', id: certificate.createdById } as UserRef) : null;
  }

  @Authorized(Permission.PROJECT_CERTIFICATE_EDIT)
  @FieldResolver(() => DrawingReviewCertificateSharePage, {
    nullable: true,
    description: '1.1.2 共享记录（该合格书各版本被谁查看、下载；新的在前）；需合格书管理权限',
  })
  shareLog(
    @Root() certificate: DrawingReviewCertificate,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: ProjectsContext,
  ) {
    const window = pageWindow(page);
    return ctx.certificates.shareLog.load({ chainId: certificate.chainId, offset: window.offset, limit: window.limit });
  }
}

@Resolver(() => DrawingReviewCertificateShare)
export class DrawingReviewCertificateShareResolver {
  @FieldResolver(() => Int, { description: '查看或下载的版本号' })
  async version(@Root() share: DrawingReviewCertificateShare, @Ctx() ctx: ProjectsContext): Promise<number> {
    const versions = await ctx.certificates.versionsByChain.load(share.chainId);
    return versions.find((v) => v.id === share.certificate.id)?.version ?? 0;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: '用户' })
  user(@Root() share: DrawingReviewCertificateShare): UserRef | null {
    return share.userId ? ({ __typename: 'User', id: share.userId } as UserRef) : null;
  }

  @FieldResolver(() => DepartmentRef, { nullable: true, description: '所在部门' })
  department(@Root() share: DrawingReviewCertificateShare): DepartmentRef | null {
    return share.departmentId ? ({ __typename: 'Department', id: share.departmentId } as DepartmentRef) : null;
  }
}

/** `Project.drawingReviewCertificates`: the 住宅工程质量信息公示 view of a project lists them. */
@Resolver(() => Project)
export class ProjectCertificatesResolver {
  @Authorized(Permission.PROJECT_CERTIFICATE_VIEW)
  @FieldResolver(() => [DrawingReviewCertificate], {
    nullable: true,
    description: '1.1 施工图联合审查合格书（各合格书的最新版本，含已撤销；历史版本见 versions）',
  })
  drawingReviewCertificates(@Root() project: Project, @Ctx() ctx: ProjectsContext) {
    return ctx.certificates.latestByProject.load(project.id);
  }
}
