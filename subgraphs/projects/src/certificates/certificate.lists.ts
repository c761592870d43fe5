import {
  AppError,
  batchesOf,
  bufferDownload,
  chinaDateTime,
  cleanText,
  type DownloadDefinition,
  ErrorCode,
  FileStore,
  dataDirOf,
  listDownload,
  notFound,
  type Sort,
  type SubgraphDeps,
} from '@hs/kit';
import type { ProjectsContext } from '../context.js';
import { District } from '../districts/district.entity.js';
import { Project } from '../projects/project.entity.js';
import { DrawingReviewCertificate } from './certificate.entity.js';
import { CERTIFICATE_STATUS_LABELS, CONCLUSION_LABELS, DISCIPLINE_LABELS } from './certificate.enums.js';
import type { DrawingReviewCertificateFilter, DrawingReviewCertificateSortField } from './certificate.inputs.js';
import { certificateListWhere, certificateOrder } from './certificate.service.js';

export const CERTIFICATES_EXPORT = 'drawing-review-certificates';
export const CERTIFICATE_LIST_TITLE = '施工图联合审查合格书列表';
/** One download kind per file type: a kind fixes the Content-Type it is served with. */
export const CERTIFICATE_FILE_KINDS: Record<string, { kind: string; extension: string }> = {
  'application/pdf': { kind: 'drawing-review-certificate-pdf', extension: 'pdf' },
  'image/jpeg': { kind: 'drawing-review-certificate-jpeg', extension: 'jpg' },
  'image/png': { kind: 'drawing-review-certificate-png', extension: 'png' },
};

export interface CertificateListArgs {
  filter?: DrawingReviewCertificateFilter | null;
  sort?: Sort<DrawingReviewCertificateSortField> | null;
  ids?: string[] | null;
}

interface CertificateRow {
  certificate: DrawingReviewCertificate;
  projectName: string;
  district: string;
}

function subtitleOf(ctx: ProjectsContext, args: CertificateListArgs): string {
  const filter = args.filter ?? {};
  const parts: string[] = [];
  const keyword = cleanText(filter.keyword);
  if (keyword) parts.push(`关键字“${keyword}”`);
  if (filter.status) parts.push(`状态 ${CERTIFICATE_STATUS_LABELS[filter.status]}`);
  if (filter.conclusion) parts.push(`结论 ${CONCLUSION_LABELS[filter.conclusion]}`);
  if (filter.discipline) parts.push(`专业 ${DISCIPLINE_LABELS[filter.discipline]}`);
  if (filter.districtCode) parts.push(`区县 ${filter.districtCode}`);
  if (filter.reviewDateFrom || filter.reviewDateTo)
    parts.push(`审查日期 ${filter.reviewDateFrom ?? ''}～${filter.reviewDateTo ?? ''}`);
  if (args.ids) parts.push(`所选 ${new Set(args.ids).size} 份`);
  const what = parts.length ? `筛选条件：${parts.join('；')}` : '全部合格书（各合格书的最新版本）';
  return [what, `导出人：${ctx.caller?.displayName ?? ''}`, `导出时间：${chinaDateTime(new Date())}`].join('\u3000');
}

/** 施工图联合审查合格书列表 as the list shows it, within the caller's data scope. */
const certificatesExport = listDownload<ProjectsContext, CertificateRow, CertificateListArgs>({
  sheet: (ctx, args) => ({
    title: CERTIFICATE_LIST_TITLE,
    subtitle: subtitleOf(ctx, args),
    columns: [
      { header: '合格书编号', value: (r) => r.certificate.certificateNo },
      { header: '版本', value: (r) => r.certificate.version, numeric: true },
      { header: '工程项目', value: (r) => r.projectName },
      { header: '所在区县', value: (r) => r.district },
      { header: '审查机构', value: (r) => r.certificate.reviewAgency },
      { header: '审查机构统一社会信用代码', value: (r) => r.certificate.reviewAgencyCreditCode },
      { header: '审查日期', value: (r) => r.certificate.reviewDate },
      { header: '审查专业', value: (r) => r.certificate.disciplines.map((d) => DISCIPLINE_LABELS[d]).join('、') },
      { header: '审查结论', value: (r) => CONCLUSION_LABELS[r.certificate.conclusion] },
      {
        header: '有效期起',
        value: (r) => r.certificate.validFrom ?? (r.certificate.validUntil ? r.certificate.reviewDate : '长期'),
      },
      { header: '有效期止', value: (r) => r.certificate.validUntil ?? '长期' },
      { header: '状态', value: (r) => CERTIFICATE_STATUS_LABELS[r.certificate.status] },
      { header: '上传人', value: (r) => r.certificate.createdByName },
      { header: '上传时间', value: (r) => chinaDateTime(r.certificate.createdAt) },
    ],
  }),
  async *batches(ctx, args) {
    const where = certificateListWhere(ctx.em, ctx.caller, args.filter, args.ids);
    const districts = new Map(
      (await ctx.em.find(District, {}, { fields: ['code', 'name'] })).map((d) => [d.code, d.name]),
    );
    const batches = batchesOf(ctx, (offset, limit) =>
      ctx.em.find(DrawingReviewCertificate, where, { orderBy: certificateOrder(args.sort) as never, offset, limit }),
    );
    for await (const certificates of batches) {
      const projects = new Map(
        (
          await ctx.em.find(
            Project,
            { id: { $in: [...new Set(certificates.map((c) => c.project.id))] } },
            { fields: ['id', 'name', 'district'] },
          )
        ).map((p) => [p.id, p]),
      );
      yield certificates.map((certificate) => {
        const project = projects.get(certificate.project.id);
        const code = project?.district.code ?? '';
        return { certificate, projectName: project?.name ?? '', district: districts.get(code) ?? code };
      });
    }
  },
});

/**
 * A certificate's file behind a download link: the link carries the caller checked when it was
 * issued (and logged in the share log); the certificate must still be in that caller's scope now.
 */
function fileDownload(files: FileStore, mimeType: string): DownloadDefinition<ProjectsContext> {
  return bufferDownload<ProjectsContext>(mimeType, async (ctx, args) => {
    const certificate = await ctx.certificates.byId.load(String(args.id));
    if (!certificate) throw notFound('施工图联合审查合格书');
    const bytes = await files.get(certificate.file.sha256);
    if (!bytes) throw new AppError(ErrorCode.NOT_FOUND, '合格书文件不存在或已损坏，请联系管理员');
    return bytes;
  });
}

export function certificateDownloads(deps: SubgraphDeps): Record<string, DownloadDefinition<ProjectsContext>> {
  const files = new FileStore(dataDirOf(deps.config));
  return {
    [CERTIFICATES_EXPORT]: certificatesExport,
    ...Object.fromEntries(
      Object.entries(CERTIFICATE_FILE_KINDS).map(([mimeType, { kind }]) => [kind, fileDownload(files, mimeType)]),
    ),
  };
}
