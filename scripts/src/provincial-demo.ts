import { connectClient } from '@hs/kit';

/** The platform's project types and statuses in the provincial dictionary (the simulator's terms). */
const CATEGORY: Record<string, [string, string]> = {
  HOUSING: ['1', '居住建筑'],
  INDUSTRIAL: ['1', '工业建筑'],
  MUNICIPAL: ['2', '给排水'],
  TRANSPORT: ['2', '道路'],
  WATER: ['99', '水利'],
  OTHER: ['99', '其他'],
};
const STATUS: Record<string, string> = { PLANNED: '2', UNDER_CONSTRUCTION: '3', COMPLETED: '4', SUSPENDED: '5' };
const ROLE: Record<string, [string, string]> = {
  BUILDER: ['8', '建设单位'],
  GENERAL_CONTRACTOR: ['9', '施工总承包单位'],
  SUPERVISOR: ['7', '监理单位'],
  SURVEYOR: ['10', '勘察单位'],
  DESIGNER: ['11', '设计单位'],
};

/**
 * Every third seeded project as the provincial approval SIMULATOR should know it (`npm start` only):
 * the same codes, name, address and units (named as the market platform names them), so a demo code
 * typed into 「从省平台获取」 finds its project.
 */
export async function demoProjectsForProvince(
  databaseUrl: string,
  provincialName: (creditCode: string) => string | undefined,
): Promise<unknown[]> {
  const client = await connectClient(databaseUrl);
  try {
    const { rows } = await client.query(`
      select p.id, p.project_code, p.permit_code, p.investment_code, p.provincial_code, p.name, p.type, p.status,
             p.district_code, p.address, p.location_lng, p.location_lat, p.start_date::text, p.planned_end_date::text,
             p.completed_date::text, p.area::float8,
             coalesce(json_agg(json_build_object('role', u.role, 'name', e.name, 'creditCode', e.credit_code,
               'projectLeader', u.project_leader) order by u.role, u.position) filter (where u.id is not null), '[]') units
        from (select *, row_number() over (order by created_at, id) n from projects.project) p
        left join projects.project_unit u on u.project_id = p.id
        left join projects.enterprise e on e.id = u.enterprise_id
       where p.n % 3 = 1
       group by p.id, p.project_code, p.permit_code, p.investment_code, p.provincial_code, p.name, p.type, p.status,
             p.district_code, p.address, p.location_lng, p.location_lat, p.start_date, p.planned_end_date,
             p.completed_date, p.area`);
    return rows.map((p) => ({
      codes: {
        investmentCode: p.investment_code,
        hubeiCode: p.project_code,
        permitNo: p.permit_code,
        provincialNo: p.provincial_code,
      },
      name: p.name,
      category: CATEGORY[p.type][0],
      purpose: CATEGORY[p.type][1],
      nature: '1',
      status: STATUS[p.status],
      districtCode: p.district_code,
      address: p.address,
      location: { lng: p.location_lng, lat: p.location_lat },
      startDate: p.start_date,
      plannedEndDate: p.planned_end_date,
      completedDate: p.completed_date,
      totalInvestment: null,
      area: p.area,
      units: (p.units as { role: string; name: string; creditCode: string; projectLeader: string | null }[]).map(
        // The province's name of a unit where its market platform knows it (one demo firm is renamed there).
        (u) => ({
          ...u,
          name: provincialName(u.creditCode) ?? u.name,
          role: ROLE[u.role][0],
          roleName: ROLE[u.role][1],
        }),
      ),
    }));
  } finally {
    await client.end();
  }
}

/**
 * The seeded projects' 项目代码 and 施工许可证编号, for the 工程质量安全监督系统 SIMULATOR (`npm start`
 * only), so that most of its inspections name projects the supervision subgraph links.
 */
export async function demoProjectCodes(
  databaseUrl: string,
): Promise<{ projectCode: string; permitNo: string | null; projectName: string }[]> {
  const client = await connectClient(databaseUrl);
  try {
    const { rows } = await client.query(
      `select project_code, permit_code, name from projects.project where project_code is not null order by created_at, id`,
    );
    return rows.map((p) => ({ projectCode: p.project_code, permitNo: p.permit_code, projectName: p.name }));
  } finally {
    await client.end();
  }
}
