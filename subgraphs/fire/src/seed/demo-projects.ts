/**
 * Projects of the projects subgraph's demo seed (scale 'demo') that the fire demo data inspects,
 * copied as the inspection form would have been filled from them (1.3.1). Their ids are
 * stableId('project', projectCode); test/seed.test.ts runs the projects seed and checks that every
 * code, name, district and unit here still matches, so a change there cannot silently break the link.
 */
export interface DemoProject {
  projectCode: string;
  name: string;
  type: 'HOUSING' | 'INDUSTRIAL' | 'OTHER';
  districtCode: string;
  address: string;
  builder: string;
  designer: string;
  generalContractor: string;
  supervisor: string;
  /** The general contractor's 项目负责人 in the projects seed. */
  leader: string;
}

export const DEMO_INSPECTION_PROJECTS: readonly DemoProject[] = [
  {
    projectCode: '42022220220000733',
    name: '阳新县枫林幼儿园新建工程',
    type: 'HOUSING',
    districtCode: '420222',
    address: '阳新县城东大道304号',
    builder: '阳新县城市建设投资有限公司',
    designer: '阳新县新港工程设计咨询有限公司',
    generalContractor: '黄石市东方建筑工程有限公司',
    supervisor: '黄石市大箕建设项目管理有限公司',
    leader: '朱超',
  },
  {
    projectCode: '42028120220000700',
    name: '罗家桥片区安置房项目一期',
    type: 'HOUSING',
    districtCode: '420281',
    address: '大冶市新冶大道257号',
    builder: '阳新县城市建设投资有限公司',
    designer: '湖北黄石建筑设计研究院有限公司',
    generalContractor: '黄石市鼎盛建设集团有限公司',
    supervisor: '湖北东楚工程监理咨询有限公司',
    leader: '张超',
  },
  {
    projectCode: '42020420220000503',
    name: '团城山小学迁建工程',
    type: 'HOUSING',
    districtCode: '420204',
    address: '黄石市下陆区新下陆大道98号',
    builder: '黄石长江置业有限公司',
    designer: '黄石荣昌建筑设计有限公司',
    generalContractor: '黄石华晟建设工程有限公司',
    supervisor: '黄石市团城山建设监理有限公司',
    leader: '朱国庆',
  },
  {
    projectCode: '42020320220000831',
    name: '西塞山区八泉高端装备制造产业园项目',
    type: 'INDUSTRIAL',
    districtCode: '420203',
    address: '黄石市西塞山区西塞路203号',
    builder: '黄石长江置业有限公司',
    designer: '黄石磐石建筑设计有限公司',
    generalContractor: '黄石华新市政工程有限公司',
    supervisor: '黄石市团城山建设监理有限公司',
    leader: '马伟',
  },
  {
    projectCode: '42022220230000441',
    name: '白沙工业园标准化厂房一期工程',
    type: 'INDUSTRIAL',
    districtCode: '420222',
    address: '阳新县莲花湖路237号',
    builder: '大冶市城市建设投资开发有限公司',
    designer: '黄石荣昌建筑设计有限公司',
    generalContractor: '阳新县富河建设有限公司',
    supervisor: '黄石市盛世工程咨询监理有限公司',
    leader: '曹杰',
  },
  {
    projectCode: '42020420230000651',
    name: '下陆区妇幼保健院住院楼工程',
    type: 'HOUSING',
    districtCode: '420204',
    address: '黄石市下陆区杭州西路57号',
    builder: '阳新县城市建设投资有限公司',
    designer: '黄石磐石建筑设计有限公司',
    generalContractor: '黄石市荣昌建工集团有限公司',
    supervisor: '黄石市团城山建设监理有限公司',
    leader: '李涛',
  },
  {
    projectCode: '42020320240000630',
    name: '西塞山区澄月文化中心工程',
    type: 'OTHER',
    districtCode: '420203',
    address: '黄石市西塞山区八泉街459号',
    builder: '阳新县城市建设投资有限公司',
    designer: '湖北黄石建筑设计研究院有限公司',
    generalContractor: '阳新县富河建设有限公司',
    supervisor: '湖北东楚工程监理咨询有限公司',
    leader: '罗勇',
  },
  {
    projectCode: '42020420240000428',
    name: '下陆区东方山幼儿园新建工程',
    type: 'HOUSING',
    districtCode: '420204',
    address: '黄石市下陆区肖铺路237号',
    builder: '黄石经济技术开发区城市建设投资有限公司',
    designer: '黄石荣昌建筑设计有限公司',
    generalContractor: '黄石市东方建筑工程有限公司',
    supervisor: '湖北东楚工程监理咨询有限公司',
    leader: '黄建国',
  },
  {
    projectCode: '42020220230000905',
    name: '沈家营片区商住小区项目三期',
    type: 'HOUSING',
    districtCode: '420202',
    address: '黄石市黄石港区交通路385号',
    builder: '黄石经济技术开发区城市建设投资有限公司',
    designer: '阳新县新港工程设计咨询有限公司',
    generalContractor: '湖北磁湖建工有限公司',
    supervisor: '湖北东楚工程监理咨询有限公司',
    leader: '郭立新',
  },
  {
    projectCode: '42022220240000463',
    name: '龙港片区棚户区改造项目三期',
    type: 'HOUSING',
    districtCode: '420222',
    address: '阳新县富川大道104号',
    builder: '大冶市城市建设投资开发有限公司',
    designer: '黄石市恒信工程设计咨询有限公司',
    generalContractor: '黄石市东方建筑工程有限公司',
    supervisor: '黄石市大箕建设项目管理有限公司',
    leader: '马刚',
  },
  {
    projectCode: '42020220240000382',
    name: '黄石港区黄石港中学教学综合楼工程',
    type: 'HOUSING',
    districtCode: '420202',
    address: '黄石市黄石港区颐阳路163号',
    builder: '黄石市铁山区城乡开发建设有限公司',
    designer: '湖北黄石建筑设计研究院有限公司',
    generalContractor: '阳新县富河建设有限公司',
    supervisor: '黄石市团城山建设监理有限公司',
    leader: '赵涛',
  },
  {
    // The inspection dy_inspector works on site (README): 待签方案, today, in 大冶.
    projectCode: '42028120240000738',
    name: '大冶市还地桥中学教学综合楼工程',
    type: 'HOUSING',
    districtCode: '420281',
    address: '大冶市东岳路25号',
    builder: '大冶市城市建设投资开发有限公司',
    designer: '黄石磐石建筑设计有限公司',
    generalContractor: '黄石市天成市政工程有限公司',
    supervisor: '黄石市大箕建设项目管理有限公司',
    leader: '胡勇',
  },
];
