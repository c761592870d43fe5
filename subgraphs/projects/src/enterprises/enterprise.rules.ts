import { checkCreditCode, checkDate, checkDivision, checkText, cleanCode, cleanText, type FieldIssue } from '@hs/kit';

/** Pure rules for enterprise registry data (3.1.2). */

export const MAX_QUALIFICATIONS = 50;

export interface QualificationDraft {
  name: string | null;
  grade: string | null;
  certificateNo: string | null;
  validUntil: string | null;
}

export interface EnterpriseDraft {
  creditCode: string | null;
  name: string | null;
  registeredAddress: string | null;
  legalRepresentative: string | null;
  districtCode: string | null;
  qualifications: QualificationDraft[];
}

export interface CheckedEnterprise {
  creditCode: string;
  name: string;
  registeredAddress: string | null;
  legalRepresentative: string | null;
  districtCode: string;
  qualifications: { name: string; grade: string; certificateNo: string; validUntil: string | null }[];
}

export function checkEnterprise(draft: EnterpriseDraft): { value: CheckedEnterprise | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  let creditCode: string | null = null;
  const credit = checkCreditCode(draft.creditCode ?? '');
  if (credit.ok) creditCode = credit.value;
  else issues.push({ field: 'creditCode', message: credit.reason });

  const name = cleanText(draft.name);
  checkText(issues, 'name', '企业名称', name, { required: true, min: 2, max: 100 });
  const registeredAddress = cleanText(draft.registeredAddress);
  checkText(issues, 'registeredAddress', '注册地址', registeredAddress, { required: false, min: 2, max: 200 });
  const legalRepresentative = cleanText(draft.legalRepresentative);
  checkText(issues, 'legalRepresentative', '法定代表人', legalRepresentative, { required: false, min: 2, max: 50 });

  let districtCode: string | null = null;
  const division = checkDivision(draft.districtCode ?? '');
  if (division.ok) districtCode = division.value;
  else issues.push({ field: 'districtCode', message: `注册地${division.reason}` });

  const keys = new Set<string>();
  draft.qualifications.forEach((q, i) => {
    const key = `${cleanCode(q.certificateNo)}|${cleanText(q.name)}`;
    if (keys.has(key))
      issues.push({ field: `qualifications.${i}.certificateNo`, message: '同一证书的同一资质类别不能重复填写' });
    keys.add(key);
  });
  if (draft.qualifications.length > MAX_QUALIFICATIONS) {
    issues.push({ field: 'qualifications', message: `企业资质不能超过${MAX_QUALIFICATIONS}项` });
  }
  const qualifications = draft.qualifications.map((q, i) => {
    const item = {
      name: cleanText(q.name),
      grade: cleanText(q.grade),
      certificateNo: cleanCode(q.certificateNo),
      validUntil: cleanCode(q.validUntil),
    };
    checkText(issues, `qualifications.${i}.name`, '资质名称', item.name, { required: true, max: 100 });
    checkText(issues, `qualifications.${i}.grade`, '资质等级', item.grade, { required: true, max: 20 });
    checkText(issues, `qualifications.${i}.certificateNo`, '资质证书编号', item.certificateNo, {
      required: true,
      max: 50,
    });
    checkDate(issues, `qualifications.${i}.validUntil`, '资质有效期', item.validUntil);
    return item as CheckedEnterprise['qualifications'][number];
  });

  if (issues.length) return { value: null, issues };
  return {
    value: {
      creditCode: creditCode!,
      name: name!,
      registeredAddress,
      legalRepresentative,
      districtCode: districtCode!,
      qualifications,
    },
    issues,
  };
}
