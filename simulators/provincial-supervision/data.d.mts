export const SEED: string;
export const DISTRICT_CODES: string[];
export const TYPES: string[];
export const OUTCOMES: string[];
export const RECTIFICATION: string[];
export interface SupervisionProjectCodes {
  /** 项目代码 */
  projectCode: string;
  /** 施工许可证编号 */
  permitNo: string | null;
  projectName?: string | null;
}
export interface SupervisionProblem {
  seq: number;
  description: string;
  /** 危险源类别 */
  hazardSourceType: string;
  /** 隐患等级 1–4（1 = 一级） */
  riskLevel: number;
  outcome: string;
  /** 整改期限 YYYY-MM-DD */
  deadline: string | null;
  rectificationStatus: string;
  rectifiedOn: string | null;
  reviewedOn: string | null;
}
export interface SupervisionInspection {
  id: string;
  projectCode: string;
  permitNo: string | null;
  projectName: string | null;
  inspectionDate: string;
  type: string;
  inspectors: string[];
  outcome: string;
  problems: SupervisionProblem[];
  updatedAt: string;
}
export function utcDay(d: Date): number;
export function inspectionAt(
  i: number,
  projects: SupervisionProjectCodes[],
  today: number,
  revision?: number,
): SupervisionInspection;
