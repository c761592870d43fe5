/**
 * Demo enterprises shared by the seeds of several subgraphs (identity gives some of them an
 * enterprise account, projects assigns them to projects). Names and codes are fictional; the
 * 统一社会信用代码 are valid per GB 32100-2015 (check character computed), with the registering
 * district's GB/T 2260 code in positions 3–8. Ids come from `stableId('enterprise', creditCode)`.
 */
export interface DemoEnterprise {
  creditCode: string;
  name: string;
  districtCode: string;
  registeredAddress: string;
  legalRepresentative: string;
}

export const DEMO_ENTERPRISES: readonly DemoEnterprise[] = [
  {
    creditCode: '91420202TA4J35AF9G',
    name: '黄石市鼎盛建设集团有限公司',
    districtCode: '420202',
    registeredAddress: '黄石市黄石港区湖滨大道88号',
    legalRepresentative: '王建国',
  },
  {
    creditCode: '91420202G8NQDE0RHJ',
    name: '湖北磁湖建工有限公司',
    districtCode: '420202',
    registeredAddress: '黄石市黄石港区天津路16号',
    legalRepresentative: '李明华',
  },
  {
    creditCode: '914202039EKL266YR2',
    name: '黄石华新市政工程有限公司',
    districtCode: '420203',
    registeredAddress: '黄石市西塞山区黄思湾路21号',
    legalRepresentative: '陈志强',
  },
  {
    creditCode: '914202811HQEDF3EQD',
    name: '大冶市楚天建筑工程有限公司',
    districtCode: '420281',
    registeredAddress: '大冶市东岳路街道新冶大道120号',
    legalRepresentative: '刘德胜',
  },
  {
    creditCode: '914202224WQ4PB7HJM',
    name: '阳新县富河建设有限公司',
    districtCode: '420222',
    registeredAddress: '阳新县兴国镇城东新区富川大道9号',
    legalRepresentative: '张伟',
  },
  {
    creditCode: '91420204YJMXX6EWXK',
    name: '黄石市团城山建设监理有限公司',
    districtCode: '420204',
    registeredAddress: '黄石市下陆区团城山街道杭州西路55号',
    legalRepresentative: '周立新',
  },
  {
    creditCode: '914202026QAFW3YYGH',
    name: '湖北东楚工程监理咨询有限公司',
    districtCode: '420202',
    registeredAddress: '黄石市黄石港区颐阳路8号',
    legalRepresentative: '吴海涛',
  },
  {
    creditCode: '91420204U88NP6571C',
    name: '黄石市勘察测绘研究院有限公司',
    districtCode: '420204',
    registeredAddress: '黄石市下陆区长乐大道102号',
    legalRepresentative: '郑国平',
  },
  {
    creditCode: '914202024GX92YW263',
    name: '湖北黄石建筑设计研究院有限公司',
    districtCode: '420202',
    registeredAddress: '黄石市黄石港区武汉路32号',
    legalRepresentative: '孙丽娟',
  },
  {
    creditCode: '91420205HXFQ9Y7Q39',
    name: '黄石市铁山区城乡开发建设有限公司',
    districtCode: '420205',
    registeredAddress: '黄石市铁山区铁山大道66号',
    legalRepresentative: '胡建军',
  },
  {
    creditCode: '914202057CC7GDWUF1',
    name: '黄石经济技术开发区城市建设投资有限公司',
    districtCode: '420205',
    registeredAddress: '黄石经济技术开发区金山大道189号',
    legalRepresentative: '高志远',
  },
  {
    creditCode: '91420281J0CTG8QGXD',
    name: '大冶市城市建设投资开发有限公司',
    districtCode: '420281',
    registeredAddress: '大冶市罗家桥街道雨润大道1号',
    legalRepresentative: '马俊',
  },
  {
    creditCode: '91420222AT32TN4DBA',
    name: '阳新县城市建设投资有限公司',
    districtCode: '420222',
    registeredAddress: '阳新县兴国镇园林路5号',
    legalRepresentative: '何晓东',
  },
  {
    creditCode: '91420203NM0KW8P8WN',
    name: '黄石市消防工程安装有限公司',
    districtCode: '420203',
    registeredAddress: '黄石市西塞山区八泉街道青山湖路18号',
    legalRepresentative: '林国庆',
  },
  {
    creditCode: '914202040GUTNJ6QQP',
    name: '湖北铭安消防技术服务有限公司',
    districtCode: '420204',
    registeredAddress: '黄石市下陆区新下陆街道肖铺路12号',
    legalRepresentative: '罗斌',
  },
  {
    creditCode: '91420202HTGP61URKN',
    name: '黄石市建设工程质量检测中心有限公司',
    districtCode: '420202',
    registeredAddress: '黄石市黄石港区广州路3号',
    legalRepresentative: '谢文涛',
  },
];
