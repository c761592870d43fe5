/**
 * The built-in dictionaries. Values the code switches on (enum values of the graph) are
 * built-in items; 资质等级 / 资质类别 are lists people maintain. The migration that created the
 * tables carries its own frozen copy; `ensureBuiltInDictionaries` (seed) adds what is missing here.
 */
export interface BuiltInDictItem {
  value: string;
  label: string;
  tagType?: string | null;
}

export interface BuiltInDict {
  code: string;
  name: string;
  description: string;
  items: BuiltInDictItem[];
}

const same = (labels: string[]): BuiltInDictItem[] => labels.map((label) => ({ value: label, label }));

export const BUILT_IN_DICTIONARIES: BuiltInDict[] = [
  {
    code: 'project_type',
    name: '项目类别',
    description: '工程项目的类别（与接口 ProjectType 的取值一致）',
    items: [
      { value: 'HOUSING', label: '房屋建筑' },
      { value: 'MUNICIPAL', label: '市政基础设施' },
      { value: 'INDUSTRIAL', label: '工业建筑' },
      { value: 'TRANSPORT', label: '交通' },
      { value: 'WATER', label: '水利' },
      { value: 'OTHER', label: '其他' },
    ],
  },
  {
    code: 'project_status',
    name: '项目状态',
    description: '工程项目的建设状态（与接口 ProjectStatus 的取值一致）',
    items: [
      { value: 'PLANNED', label: '未开工', tagType: 'info' },
      { value: 'UNDER_CONSTRUCTION', label: '在建', tagType: 'primary' },
      { value: 'SUSPENDED', label: '停工', tagType: 'warning' },
      { value: 'COMPLETED', label: '竣工', tagType: 'success' },
    ],
  },
  {
    code: 'unit_role',
    name: '参建单位类型',
    description: '工程项目参建单位的类型（与接口 UnitRole 的取值一致）',
    items: [
      { value: 'BUILDER', label: '建设单位' },
      { value: 'GENERAL_CONTRACTOR', label: '施工总包单位' },
      { value: 'SUPERVISOR', label: '监理单位' },
      { value: 'SURVEYOR', label: '勘察单位' },
      { value: 'DESIGNER', label: '设计单位' },
    ],
  },
  {
    code: 'qualification_grade',
    name: '企业资质等级',
    description: '建设工程企业资质等级',
    items: same(['特级', '一级', '二级', '三级', '甲级', '乙级', '丙级', '综合资质', '不分等级']),
  },
  {
    code: 'qualification_type',
    name: '企业资质类别',
    description: '常用的建设工程企业资质名称（录入企业资质时可选，也可手工填写）',
    items: same([
      '建筑工程施工总承包',
      '市政公用工程施工总承包',
      '公路工程施工总承包',
      '水利水电工程施工总承包',
      '机电工程施工总承包',
      '房屋建筑工程监理',
      '市政公用工程监理',
      '工程勘察专业类（岩土工程）',
      '建筑行业（建筑工程）设计',
      '房地产开发企业资质',
    ]),
  },
  {
    code: 'department_kind',
    name: '部门类型',
    description: '组织机构的类型（与接口 DepartmentKind 的取值一致）',
    items: [
      { value: 'BUREAU', label: '市局' },
      { value: 'SECTION', label: '科室' },
      { value: 'DISTRICT_BUREAU', label: '区县住建局' },
      { value: 'ASSOCIATION', label: '协会' },
      { value: 'ENTERPRISE', label: '企业' },
      { value: 'EXPERTS', label: '专家' },
    ],
  },
  {
    code: 'enable_status',
    name: '启用状态',
    description: '用户、部门、角色、字典的启用 / 停用',
    items: [
      { value: 'ACTIVE', label: '启用', tagType: 'success' },
      { value: 'DISABLED', label: '停用', tagType: 'danger' },
    ],
  },
];
