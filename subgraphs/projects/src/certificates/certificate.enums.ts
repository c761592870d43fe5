import { registerEnumType } from 'type-graphql';

/** 审查范围/专业: the dictionary of 施工图联合审查 disciplines (湖北省施工图数字化联合审查系统's 专业 list). */
export enum DrawingReviewDiscipline {
  ARCHITECTURE = 'ARCHITECTURE',
  STRUCTURE = 'STRUCTURE',
  PLUMBING = 'PLUMBING',
  HVAC = 'HVAC',
  ELECTRICAL = 'ELECTRICAL',
  FIRE = 'FIRE',
  CIVIL_AIR_DEFENCE = 'CIVIL_AIR_DEFENCE',
  ENERGY_SAVING = 'ENERGY_SAVING',
  SURVEY = 'SURVEY',
  LANDSCAPE = 'LANDSCAPE',
  INTELLIGENT = 'INTELLIGENT',
  MUNICIPAL = 'MUNICIPAL',
}

export const DISCIPLINE_LABELS: Record<DrawingReviewDiscipline, string> = {
  ARCHITECTURE: '建筑',
  STRUCTURE: '结构',
  PLUMBING: '给排水',
  HVAC: '暖通',
  ELECTRICAL: '电气',
  FIRE: '消防',
  CIVIL_AIR_DEFENCE: '人防',
  ENERGY_SAVING: '节能',
  SURVEY: '勘察',
  LANDSCAPE: '景观',
  INTELLIGENT: '智能化',
  MUNICIPAL: '市政',
};

export enum DrawingReviewConclusion {
  QUALIFIED = 'QUALIFIED',
  QUALIFIED_AFTER_REVISION = 'QUALIFIED_AFTER_REVISION',
  UNQUALIFIED = 'UNQUALIFIED',
}

export const CONCLUSION_LABELS: Record<DrawingReviewConclusion, string> = {
  QUALIFIED: '合格',
  QUALIFIED_AFTER_REVISION: '修改后合格',
  UNQUALIFIED: '不合格',
};

/** A version's state: the newest of its chain is CURRENT (or REVOKED); older ones are SUPERSEDED and read-only. */
export enum DrawingReviewCertificateStatus {
  CURRENT = 'CURRENT',
  SUPERSEDED = 'SUPERSEDED',
  REVOKED = 'REVOKED',
}

export const CERTIFICATE_STATUS_LABELS: Record<DrawingReviewCertificateStatus, string> = {
  CURRENT: '有效',
  SUPERSEDED: '已换发',
  REVOKED: '已撤销',
};

export enum CertificateShareAction {
  VIEW = 'VIEW',
  DOWNLOAD = 'DOWNLOAD',
}

export const SHARE_ACTION_LABELS: Record<CertificateShareAction, string> = {
  VIEW: '查看详情',
  DOWNLOAD: '下载文件',
};

const described = <T extends string>(labels: Record<T, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, { description: v as string }]));

registerEnumType(DrawingReviewDiscipline, {
  name: 'DrawingReviewDiscipline',
  description: '施工图审查范围/专业',
  valuesConfig: described(DISCIPLINE_LABELS),
});
registerEnumType(DrawingReviewConclusion, {
  name: 'DrawingReviewConclusion',
  description: '审查结论',
  valuesConfig: described(CONCLUSION_LABELS),
});
registerEnumType(DrawingReviewCertificateStatus, {
  name: 'DrawingReviewCertificateStatus',
  description: '合格书版本状态',
  valuesConfig: described(CERTIFICATE_STATUS_LABELS),
});
registerEnumType(CertificateShareAction, {
  name: 'CertificateShareAction',
  description: '共享记录的操作',
  valuesConfig: described(SHARE_ACTION_LABELS),
});
