import { checkCreditCode, checkDate, checkText, type FieldIssue, isIsoDate, SHA256_HEX } from '@hs/kit';
import { DrawingReviewConclusion, DrawingReviewDiscipline } from './certificate.enums.js';

/**
 * Pure rules for 施工图联合审查合格书 (1.1.1). No ORM, no GraphQL: the service cleans the input into a
 * draft, these say what is wrong with it (field + Chinese message), the service throws BAD_USER_INPUT.
 */

export interface CertificateDraft {
  certificateNo: string | null;
  reviewAgency: string | null;
  reviewAgencyCreditCode: string | null;
  reviewDate: string | null;
  disciplines: DrawingReviewDiscipline[];
  conclusion: DrawingReviewConclusion | null;
  validFrom: string | null;
  validUntil: string | null;
  fileSha256: string | null;
}

/** 鄂黄施审字〔2026〕第0158号, SGT-420200-2026-0158 …: letters, digits, CJK and the usual brackets and separators. */
const CERTIFICATE_NO = /^[\p{L}\p{N}〔〕［］[\]（）()\-_/.#·]+$/u;
export const CERTIFICATE_NO_MAX = 50;
/** Drawing review as a state task began with 建设部令第134号 (2004); earlier dates are typing mistakes. */
export const EARLIEST_REVIEW_DATE = '2000-01-01';

export function checkCertificateDraft(draft: CertificateDraft, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { certificateNo, reviewDate, validFrom, validUntil } = draft;

  checkText(issues, 'certificateNo', '合格书编号', certificateNo, { required: true, min: 4, max: CERTIFICATE_NO_MAX });
  if (certificateNo && !issues.some((i) => i.field === 'certificateNo')) {
    if (!CERTIFICATE_NO.test(certificateNo))
      issues.push({
        field: 'certificateNo',
        message: '合格书编号只能包含文字、数字和括号、横线、斜线等符号，不能有空格',
      });
    else if (!/\p{Nd}/u.test(certificateNo)) issues.push({ field: 'certificateNo', message: '合格书编号应包含数字' });
  }

  checkText(issues, 'reviewAgency', '审查机构名称', draft.reviewAgency, { required: true, min: 2, max: 100 });
  if (draft.reviewAgencyCreditCode != null) {
    const checked = checkCreditCode(draft.reviewAgencyCreditCode);
    if (!checked.ok) issues.push({ field: 'reviewAgencyCreditCode', message: `审查机构${checked.reason}` });
  }

  if (reviewDate == null) issues.push({ field: 'reviewDate', message: '审查日期不能为空' });
  else {
    checkDate(issues, 'reviewDate', '审查日期', reviewDate);
    if (isIsoDate(reviewDate) && reviewDate > today)
      issues.push({ field: 'reviewDate', message: `审查日期不能晚于今天（${today}）` });
    else if (isIsoDate(reviewDate) && reviewDate < EARLIEST_REVIEW_DATE)
      issues.push({ field: 'reviewDate', message: `审查日期不能早于 ${EARLIEST_REVIEW_DATE}` });
  }

  if (draft.disciplines.length === 0) issues.push({ field: 'disciplines', message: '请至少选择一个审查专业' });
  if (draft.conclusion == null) issues.push({ field: 'conclusion', message: '请选择审查结论' });

  checkDate(issues, 'validFrom', '有效期起', validFrom);
  checkDate(issues, 'validUntil', '有效期止', validUntil);
  const datesOk = [reviewDate, validFrom, validUntil].every((d) => d == null || isIsoDate(d));
  if (datesOk) {
    if (validFrom != null && validUntil == null)
      issues.push({ field: 'validUntil', message: '填写了有效期起时，有效期止也须填写（长期有效请两项都不填）' });
    if (validFrom != null && reviewDate != null && validFrom < reviewDate)
      issues.push({ field: 'validFrom', message: '有效期起不能早于审查日期' });
    const start = validFrom ?? reviewDate;
    if (validUntil != null && start != null && validUntil <= start)
      issues.push({ field: 'validUntil', message: validFrom ? '有效期止应晚于有效期起' : '有效期止应晚于审查日期' });
  }

  if (draft.fileSha256 == null) issues.push({ field: 'fileSha256', message: '请上传合格书文件（PDF 或图片）' });
  else if (!SHA256_HEX.test(draft.fileSha256))
    issues.push({ field: 'fileSha256', message: '合格书文件标识无效，请重新上传' });
  return issues;
}

/** The disciplines once each, in the dictionary's order (how the certificate lists them). */
export function orderedDisciplines(values: readonly DrawingReviewDiscipline[]): DrawingReviewDiscipline[] {
  const chosen = new Set(values);
  return Object.values(DrawingReviewDiscipline).filter((d) => chosen.has(d));
}

/** A reason for re-issuing or revoking: required, one line, 2–200 characters. */
export function checkReason(field: string, label: string, value: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  checkText(issues, field, label, value, { required: true, min: 2, max: 200 });
  return issues;
}
