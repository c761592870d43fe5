import { DownloadLink, exportLink, PageInput, PageOf, type Page, requireCaller, type Sort } from '@hs/kit';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { linkOptions } from '../common/links.js';
import type { WorkforceContext } from '../context.js';
import { WorkforcePermission } from '../permissions.js';
import { Device, DeviceKind } from './device.entity.js';
import { ProjectSite } from './site.entity.js';
import { SiteFilter, WorkforceProjectSiteSort, type WorkforceProjectSiteSortField } from './site.inputs.js';
import { SITES_EXPORT, SITES_TITLE, type SiteListArgs } from './site.lists.js';
import { countSites, listSites, registerDevice, setDeviceEnabled, setFenceMargin, sitesWhere } from './site.service.js';

export const SitePage = PageOf(ProjectSite, 'WorkforceProjectSite');

@InputType('RegisterAttendanceDeviceInput', { description: '登记考勤设备' })
export class RegisterDeviceInput {
  @Field(() => ID, { description: '工程项目 id' })
  projectId!: string;

  @Field(() => String, { description: '设备序列号' })
  serialNo!: string;

  @Field(() => String, { description: '设备名称' })
  name!: string;

  @Field(() => DeviceKind, { description: '设备类型' })
  kind!: DeviceKind;
}

@Resolver(() => ProjectSite)
export class SiteResolver {
  @Authorized(WorkforcePermission.ATTENDANCE_VIEW)
  @Query(() => SitePage, { description: '项目考勤围栏列表（按数据权限）' })
  workforceSites(
    @Arg('districtCode', () => String, {
      nullable: true,
      description: '区县代码（同 filter.districtCode，保留供旧页面使用）',
    })
    districtCode: string | null,
    @Arg('filter', () => SiteFilter, { nullable: true }) filter: SiteFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => WorkforceProjectSiteSort, { nullable: true, description: '排序（默认按区县、项目名称）' })
    sort: Sort<WorkforceProjectSiteSortField> | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Page<ProjectSite>> {
    // The argument the page has always sent; filter.districtCode, when given, is the one applied.
    const merged = districtCode && !filter?.districtCode ? { ...filter, districtCode } : filter;
    return listSites(ctx.em, ctx.caller, merged, page, sort);
  }

  @Authorized(WorkforcePermission.ATTENDANCE_VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '导出项目考勤围栏列表（Excel）：与列表相同的筛选、排序和数据权限，或只导出所选；返回 5 分钟内有效的下载地址',
  })
  async exportWorkforceSites(
    @Arg('filter', () => SiteFilter, { nullable: true }) filter: SiteFilter | null,
    @Arg('sort', () => WorkforceProjectSiteSort, { nullable: true }) sort: Sort<WorkforceProjectSiteSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些项目（工程项目 id，批量导出所选）' })
    ids: string[] | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await countSites(ctx.em, sitesWhere(caller, filter, ids));
    const args: SiteListArgs = { filter, sort, ids };
    return exportLink(linkOptions(ctx), { kind: SITES_EXPORT, title: SITES_TITLE, caller, args: { ...args } }, count);
  }

  @Authorized(WorkforcePermission.SITE_EDIT)
  @Mutation(() => ProjectSite, { description: '设置项目考勤围栏容差（米，默认 50）' })
  setWorkforceFenceMargin(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('marginM', () => Int, { description: '容差（米，0–1000）' }) marginM: number,
    @Ctx() ctx: WorkforceContext,
  ): Promise<ProjectSite> {
    return setFenceMargin(ctx.em, requireCaller(ctx), projectId, marginM);
  }

  @Authorized(WorkforcePermission.SITE_EDIT)
  @Mutation(() => Device, { description: '登记项目的考勤设备' })
  registerAttendanceDevice(
    @Arg('input', () => RegisterDeviceInput) input: RegisterDeviceInput,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Device> {
    return registerDevice(ctx.em, requireCaller(ctx), input);
  }

  @Authorized(WorkforcePermission.SITE_EDIT)
  @Mutation(() => Device, { description: '启用或停用考勤设备' })
  setAttendanceDeviceEnabled(
    @Arg('id', () => ID) id: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Device> {
    return setDeviceEnabled(ctx.em, requireCaller(ctx), id, enabled);
  }

  @FieldResolver(() => [Device], { description: '该项目的考勤设备' })
  devices(@Root() site: ProjectSite, @Ctx() ctx: WorkforceContext): Promise<Device[]> {
    return ctx.loaders.devicesByProject.load(site.projectId);
  }
}
