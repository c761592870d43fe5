import { ProjectType, UnitRole } from '../projects/project.enums.js';

/** Place names, roads and name parts for realistic (fictional) Huangshi demo data. */
export interface DistrictFlavour {
  code: string;
  name: string;
  /** Relative share of the city's projects. */
  weight: number;
  places: string[];
  roads: string[];
}

export const DISTRICT_FLAVOURS: DistrictFlavour[] = [
  {
    code: '420202',
    name: '黄石港区',
    weight: 14,
    places: ['磁湖', '胜阳港', '沈家营', '江北', '花湖', '黄石港', '红旗桥'],
    roads: ['湖滨大道', '天津路', '武汉路', '颐阳路', '交通路', '广州路'],
  },
  {
    code: '420203',
    name: '西塞山区',
    weight: 12,
    places: ['西塞山', '黄思湾', '八泉', '临江', '河口', '澄月', '陈家湾'],
    roads: ['黄思湾路', '青山湖路', '西塞路', '八泉街', '冶钢大道'],
  },
  {
    code: '420204',
    name: '下陆区',
    weight: 12,
    places: ['团城山', '新下陆', '东方山', '长乐山', '老下陆', '肖铺'],
    roads: ['杭州西路', '长乐大道', '肖铺路', '新下陆大道', '团城山路'],
  },
  {
    code: '420205',
    name: '铁山区',
    weight: 8,
    places: ['铁山', '鹿獐山', '大王', '金山', '汪仁'],
    roads: ['铁山大道', '金山大道', '鹿獐山路', '汪仁大道'],
  },
  {
    code: '420222',
    name: '阳新县',
    weight: 22,
    places: ['兴国', '富池', '韦源口', '白沙', '浮屠', '枫林', '龙港', '排市'],
    roads: ['富川大道', '园林路', '兴国大道', '城东大道', '莲花湖路'],
  },
  {
    code: '420281',
    name: '大冶市',
    weight: 32,
    places: ['东岳', '罗家桥', '金湖', '陈贵', '还地桥', '灵乡', '金山店', '保安', '尹家湖'],
    roads: ['新冶大道', '雨润大道', '东岳路', '罗桥大道', '湛月路', '金湖大道'],
  },
];

export const HOUSING_KINDS = ['安置房', '保障性住房', '商住小区', '人才公寓', '棚户区改造', '还建小区', '老旧小区改造'];
export const PHASES = ['一期', '二期', '三期', '', ''];

/** Name templates per project type; {d} district, {p} place. */
export const PROJECT_NAME_TEMPLATES: Record<ProjectType, string[]> = {
  HOUSING: [
    '{d}{p}新城{h}{ph}工程',
    '{d}{p}{h}{ph}工程',
    '{p}片区{h}项目{ph}',
    '{d}人民医院门诊综合楼',
    '{d}{p}中学教学综合楼工程',
    '{p}小学迁建工程',
    '{d}{p}幼儿园新建工程',
    '{d}妇幼保健院住院楼工程',
  ],
  MUNICIPAL: [
    '{p}大道改造工程',
    '{p}片区雨污分流改造工程',
    '{p}污水处理厂扩建工程',
    '{d}{p}综合管廊工程',
    '{p}路道路及配套管网工程',
    '{d}城区供水管网改造工程',
  ],
  INDUSTRIAL: [
    '{p}工业园标准化厂房{ph}工程',
    '{d}{p}高端装备制造产业园项目',
    '{p}新材料产业园厂房工程',
    '{d}{p}模具产业园厂房及配套工程',
  ],
  TRANSPORT: ['{p}互通立交工程', '{p}至{q}公路改扩建工程', '{d}{p}客运站工程', '{p}跨线桥工程'],
  WATER: ['{p}港堤防加固工程', '{p}泵站改造工程', '{d}{p}水厂扩建工程', '{p}河道综合治理工程'],
  OTHER: ['{d}{p}体育中心工程', '{d}{p}文化中心工程', '{p}公园景观提升工程', '{d}{p}农贸市场改造工程'],
};

export const TYPE_WEIGHTS: [ProjectType, number][] = [
  [ProjectType.HOUSING, 45],
  [ProjectType.MUNICIPAL, 20],
  [ProjectType.INDUSTRIAL, 15],
  [ProjectType.TRANSPORT, 8],
  [ProjectType.WATER, 6],
  [ProjectType.OTHER, 6],
];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '胡',
  '朱',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '柯',
  '石',
  '明',
  '余',
  '曹',
];
export const GIVEN = [
  '建国',
  '志强',
  '伟',
  '敏',
  '静',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '华',
  '平',
  '刚',
  '芳',
  '丽',
  '海波',
  '文斌',
  '晓东',
  '国庆',
  '红梅',
  '立新',
  '德胜',
  '俊',
  '鹏',
];

export const NAME_CORES = [
  '宏达',
  '鑫源',
  '华晟',
  '恒信',
  '楚峰',
  '长江',
  '东方',
  '金盛',
  '远大',
  '振华',
  '广厦',
  '中天',
  '荣昌',
  '安居',
  '筑城',
  '汇通',
  '兴业',
  '博远',
  '宝鼎',
  '磐石',
  '鸿图',
  '新港',
  '天成',
  '瑞丰',
  '利源',
  '盛世',
  '明辉',
  '冶金',
  '富川',
  '铜都',
  '青龙',
  '大箕',
];

export const ROLE_SUFFIXES: Record<UnitRole, string[]> = {
  BUILDER: ['置业有限公司', '房地产开发有限公司', '投资建设有限公司', '城市发展有限公司'],
  GENERAL_CONTRACTOR: [
    '建设工程有限公司',
    '建筑工程有限公司',
    '建工集团有限公司',
    '市政工程有限公司',
    '建设集团有限公司',
  ],
  SUPERVISOR: ['工程监理有限公司', '建设项目管理有限公司', '工程咨询监理有限公司'],
  SURVEYOR: ['岩土工程勘察有限公司', '工程勘察院有限公司', '地质勘察有限公司'],
  DESIGNER: ['建筑设计有限公司', '规划设计研究院有限公司', '工程设计咨询有限公司'],
};

export const ROLE_SHARE: [UnitRole, number][] = [
  [UnitRole.GENERAL_CONTRACTOR, 40],
  [UnitRole.BUILDER, 20],
  [UnitRole.SUPERVISOR, 15],
  [UnitRole.DESIGNER, 13],
  [UnitRole.SURVEYOR, 12],
];

export const QUALIFICATIONS: Record<UnitRole, { name: string; grades: string[]; prefix: string }[]> = {
  BUILDER: [{ name: '房地产开发企业资质', grades: ['一级', '二级'], prefix: '鄂建房开黄' }],
  GENERAL_CONTRACTOR: [
    { name: '建筑工程施工总承包', grades: ['特级', '一级', '二级', '三级'], prefix: 'D242' },
    { name: '市政公用工程施工总承包', grades: ['一级', '二级', '三级'], prefix: 'D242' },
  ],
  SUPERVISOR: [{ name: '房屋建筑工程监理', grades: ['甲级', '乙级'], prefix: 'E242' }],
  SURVEYOR: [{ name: '工程勘察专业类（岩土工程）', grades: ['甲级', '乙级'], prefix: 'B242' }],
  DESIGNER: [{ name: '建筑行业（建筑工程）设计', grades: ['甲级', '乙级'], prefix: 'A242' }],
};

/** Which role a demo enterprise (from @hs/kit) plays, from its name; null for fire/testing firms. */
export function roleFromName(name: string): UnitRole | null {
  if (name.includes('监理')) return UnitRole.SUPERVISOR;
  if (name.includes('勘察')) return UnitRole.SURVEYOR;
  if (name.includes('设计')) return UnitRole.DESIGNER;
  if (name.includes('消防') || name.includes('检测')) return null;
  if (name.includes('投资') || name.includes('开发建设')) return UnitRole.BUILDER;
  return UnitRole.GENERAL_CONTRACTOR;
}
