import {
  type Caller,
  chinaDate,
  dataDirOf,
  FileStore,
  type SeedOptions,
  sniffFile,
  stableId,
  storeCheckedFile,
} from '@hs/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Project } from '../projects/project.entity.js';
import { ProjectType } from '../projects/project.enums.js';
import { SEED_ADMIN_ID } from '../seed/seed.js';
import { DrawingReviewCertificate } from './certificate.entity.js';
import { CertificateShareAction, DrawingReviewConclusion, DrawingReviewDiscipline as D } from './certificate.enums.js';
import { addCertificate, reissueCertificate, revokeCertificate, writeShares } from './certificate.service.js';

const DAY = 86_400_000;

const AGENCIES = [
  { name: '湖北省建筑设计施工图审查中心有限公司', creditCode: '91420100MA4KX1R250' },
  { name: '黄石市建设工程施工图审查有限公司', creditCode: null },
  { name: '湖北华中施工图审查咨询有限公司', creditCode: null },
];

/**
 * A one-page PDF (PDF 1.4, Helvetica, ASCII text: the standard fonts carry no CJK glyphs) that
 * stands for the scanned certificate; real objects and a correct xref, so any viewer opens it.
 */
export function certificatePdf(lines: string[]): Buffer {
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = ['BT', '/F1 20 Tf', '72 770 Td', `(${escape(lines[0])}) Tj`, '/F1 12 Tf']
    .concat(lines.slice(1).flatMap((line) => ['0 -24 Td', `(${escape(line)}) Tj`]))
    .concat('ET')
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const DISCIPLINE_SETS: D[][] = [
  [D.ARCHITECTURE, D.STRUCTURE, D.PLUMBING, D.HVAC, D.ELECTRICAL, D.FIRE, D.ENERGY_SAVING],
  [D.ARCHITECTURE, D.STRUCTURE, D.PLUMBING, D.ELECTRICAL, D.FIRE, D.CIVIL_AIR_DEFENCE, D.ENERGY_SAVING],
  [D.SURVEY],
  [D.ARCHITECTURE, D.STRUCTURE, D.FIRE],
];

/**
 * Demo 施工图联合审查合格书 on the housing projects under construction (the 住宅工程质量信息公示
 * view): through the same service as the admin, so every one passes the rules; two are re-issued,
 * one revoked, and the share log has the reads of a district inspector.
 */
export async function seedCertificates(em: EntityManager, options: SeedOptions): Promise<void> {
  const files = new FileStore(dataDirOf(options.config));
  const admin: Caller = {
    userId: SEED_ADMIN_ID,
    username: 'admin',
    displayName: '系统管理员',
    departmentId: stableId('department', '信息中心'),
    roles: ['super_admin'],
    permissions: ['*'],
    sessionId: 'seed',
    scope: { kind: 'ALL', departmentIds: [], districtCodes: [], enterpriseIds: [] },
  };
  // The first housing project of each district, then two more: every district's staff have some to see.
  const housing = await em.find(
    Project,
    { type: ProjectType.HOUSING, startDate: { $ne: null } },
    { orderBy: { projectCode: 'asc' } },
  );
  const firsts = housing.filter((p, i) => housing.findIndex((q) => q.district.code === p.district.code) === i);
  const projects = [...firsts, ...housing.filter((p) => !firsts.includes(p)).slice(0, 2)];
  const today = chinaDate();
  const seeded: DrawingReviewCertificate[] = [];
  for (const [n, project] of projects.entries()) {
    const reviewed = Date.parse(`${project.startDate}T00:00:00Z`) - (40 + n * 3) * DAY;
    const reviewDate = new Date(Math.min(reviewed, Date.parse(`${today}T00:00:00Z`) - 10 * DAY))
      .toISOString()
      .slice(0, 10);
    const year = reviewDate.slice(0, 4);
    const certificateNo = `鄂黄施审字〔${year}〕第${String(101 + n * 17).padStart(4, '0')}号`;
    const agency = AGENCIES[n % AGENCIES.length];
    const pdf = certificatePdf([
      'Construction Drawing Joint Review Certificate',
      `Certificate serial: HS-SGT-${year}-${String(101 + n * 17).padStart(4, '0')}`,
      `Project code: ${project.projectCode ?? project.permitCode}`,
      `Review date: ${reviewDate}`,
      'Conclusion: qualified',
      'Huangshi Housing and Urban-Rural Development Bureau (demo document)',
    ]);
    const sniffed = sniffFile(pdf)!;
    const fork = em.fork();
    const at = new Date(Date.parse(`${reviewDate}T10:00:00+08:00`) + 2 * DAY);
    await storeCheckedFile(
      fork,
      'projects',
      files,
      { bytes: pdf, sha256: FileStore.sha256(pdf), ...sniffed },
      SEED_ADMIN_ID,
      at,
    );
    const fields = {
      certificateNo,
      reviewAgency: agency.name,
      reviewAgencyCreditCode: agency.creditCode,
      reviewDate,
      disciplines: DISCIPLINE_SETS[n % DISCIPLINE_SETS.length],
      conclusion: n % 4 === 1 ? DrawingReviewConclusion.QUALIFIED_AFTER_REVISION : DrawingReviewConclusion.QUALIFIED,
      validFrom: null,
      validUntil: n % 2 ? null : new Date(Date.parse(`${reviewDate}T00:00:00Z`) + 730 * DAY).toISOString().slice(0, 10),
      fileSha256: FileStore.sha256(pdf),
    };
    let certificate = await addCertificate(fork, admin, { projectId: project.id, ...fields }, at);
    if (n === 1 || n === 4) {
      const later = new Date(at.getTime() + 20 * DAY);
      const revised = certificatePdf([
        'Construction Drawing Joint Review Certificate (revised)',
        `Certificate serial: HS-SGT-${year}-${String(101 + n * 17).padStart(4, '0')} rev.2`,
        `Project code: ${project.projectCode ?? project.permitCode}`,
      ]);
      await storeCheckedFile(
        fork,
        'projects',
        files,
        { bytes: revised, sha256: FileStore.sha256(revised), ...sniffFile(revised)! },
        SEED_ADMIN_ID,
        later,
      );
      certificate = await reissueCertificate(
        fork,
        admin,
        certificate.id,
        {
          ...fields,
          disciplines: [...fields.disciplines, D.ENERGY_SAVING],
          fileSha256: FileStore.sha256(revised),
          reason: '设计变更（增加节能专篇）后重新审查',
        },
        later.getTime() > Date.now() ? new Date() : later,
      );
    }
    if (n === 6)
      certificate = await revokeCertificate(fork, admin, certificate.id, '建设单位申请撤回，设计文件重新送审');
    seeded.push(certificate);
  }
  const inspector: Caller = {
    ...admin,
    userId: stableId('user', 'dy_inspector'),
    username: 'dy_inspector',
    displayName: '刘志明',
    departmentId: stableId('department', '大冶市住建局'),
  };
  if (seeded.length) {
    await writeShares(em.fork(), inspector, seeded.slice(0, 3), CertificateShareAction.VIEW);
    await writeShares(em.fork(), inspector, seeded.slice(0, 1), CertificateShareAction.DOWNLOAD);
  }
}
