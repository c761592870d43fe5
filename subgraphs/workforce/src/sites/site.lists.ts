import { batchesOf, type DownloadDefinition, listDownload, pgArray, type Sort } from '@hs/kit';
import type { WorkforceContext } from '../context.js';
import { districtName } from '../people/personal-data.js';
import type { ProjectSite } from './site.entity.js';
import type { SiteFilter, WorkforceProjectSiteSortField } from './site.inputs.js';
import { sitesOrder, sitesWhere, sitesWindow } from './site.service.js';

export const SITES_EXPORT = 'sites';
export const SITES_TITLE = '项目考勤围栏';

export interface SiteListArgs {
  filter?: SiteFilter | null;
  sort?: Sort<WorkforceProjectSiteSortField> | null;
  ids?: string[] | null;
}

interface SiteRow {
  site: ProjectSite;
  enabledDevices: number;
  devices: number;
}

/** 「12 个顶点」 as the fence column says it (a closed ring repeats its first point). */
const fenceText = (site: ProjectSite) =>
  site.boundary ? `${site.boundary.coordinates[0].length - 1} 个顶点` : '未设置';

/** 项目考勤围栏 as the fence page lists them, with each project's device counts. */
const sitesExport = listDownload<WorkforceContext, SiteRow, SiteListArgs>({
  sheet: () => ({
    title: SITES_TITLE,
    columns: [
      { header: '工程项目', value: (r) => r.site.name },
      { header: '区县', value: (r) => districtName(r.site.districtCode) },
      { header: '电子围栏', value: (r) => fenceText(r.site) },
      { header: '围栏容差（米）', value: (r) => r.site.fenceMarginM, numeric: true },
      { header: '设备（启用/全部）', value: (r) => `${r.enabledDevices} / ${r.devices}` },
      { header: '同步时间', value: (r) => r.site.syncedAt },
    ],
  }),
  async *batches(ctx, args) {
    const where = sitesWhere(ctx.caller, args.filter, args.ids);
    const order = sitesOrder(args.sort);
    for await (const sites of batchesOf(ctx, (offset, limit) => sitesWindow(ctx.em, where, order, limit, offset))) {
      const counts = await ctx.em.execute<{ project_id: string; enabled: number; total: number }[]>(
        `select project_id, count(*) filter (where enabled)::int as enabled, count(*)::int as total
           from workforce.device where project_id = any(?::uuid[]) group by project_id`,
        [pgArray(sites.map((s) => s.projectId))],
      );
      const byProject = new Map(counts.map((c) => [c.project_id, c]));
      yield sites.map((site) => ({
        site,
        enabledDevices: byProject.get(site.projectId)?.enabled ?? 0,
        devices: byProject.get(site.projectId)?.total ?? 0,
      }));
    }
  },
});

export const siteDownloads: Record<string, DownloadDefinition<WorkforceContext>> = {
  [SITES_EXPORT]: sitesExport,
};
