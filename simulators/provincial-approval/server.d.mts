export type ProvincialApprovalMode = 'normal' | 'slow' | 'down' | 'error' | 'malformed';
export const MODES: ProvincialApprovalMode[];

export interface ApprovalProjectUnit {
  /** 参建类型: 8 建设单位, 9 施工总承包单位, 7 监理单位, 10 勘察单位, 11 设计单位 */
  role: '7' | '8' | '9' | '10' | '11';
  roleName: string;
  name: string;
  /** 统一社会信用代码 */
  creditCode: string;
  projectLeader: string | null;
}
export interface ApprovalProject {
  codes: {
    /** 项目代码 (24 characters) */
    investmentCode: string;
    /** 湖北省工建码 */
    hubeiCode: string;
    /** 施工许可证编号 (18 digits), none before the permit */
    permitNo: string | null;
    /** 省级项目编号 */
    provincialNo: string;
  };
  name: string;
  /** 项目类别: 1 房建, 2 市政, 99 其他 */
  category: '1' | '2' | '99';
  /** 工程用途 */
  purpose: string;
  /** 建设性质: 1 新建, 2 改建, 3 扩建 */
  nature: '1' | '2' | '3';
  /** 项目状态: 1 筹备, 2 立项, 3 在建, 4 完工, 5 停工 */
  status: '1' | '2' | '3' | '4' | '5';
  districtCode: string;
  address: string;
  location: { lng: number; lat: number };
  approvedDate: string;
  startDate: string | null;
  plannedEndDate: string;
  /** 总投资, 万元 */
  totalInvestment: number;
  /** 总面积, m² (房建 only) */
  area: number | null;
  units: ApprovalProjectUnit[];
}
export interface RunningProvincialApprovalSimulator {
  url: string;
  /** Every project served (copies). */
  projects(): ApprovalProject[];
  setMode(mode: ProvincialApprovalMode, delayMs?: number): void;
  requests(): number;
  close(): Promise<void>;
}
export function startProvincialApprovalSimulator(options?: {
  projects?: ApprovalProject[];
  count?: number;
  mode?: ProvincialApprovalMode;
  delayMs?: number;
  port?: number;
  host?: string;
}): Promise<RunningProvincialApprovalSimulator>;
