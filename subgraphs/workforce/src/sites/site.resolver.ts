import { PageInput, PageOf, type Page, requireCaller } from '@hs/kit';
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
import type { WorkforceContext } from '../context.js';
import { WorkforcePermission } from '../permissions.js';
import { Device, DeviceKind } from './device.entity.js';
import { ProjectSite } from './site.entity.js';
import { listSites, registerDevice, setDeviceEnabled, setFenceMargin } from './site.service.js';

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
    @Arg('districtCode', () => String, { nullable: true, description: '区县代码' }) districtCode: string | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Page<ProjectSite>> {
    return listSites(ctx.em, ctx.caller, districtCode, page);
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
