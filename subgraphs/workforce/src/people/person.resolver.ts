import {
  chinaDate,
  DownloadLink,
  exportLink,
  hasPermission,
  ImportFileInput,
  ImportReport,
  issueDownloadLink,
  maskIdCard,
  maskPhone,
  notFound,
  type Page,
  PageInput,
  requireCaller,
  runImport,
  type Sort,
} from '@hs/kit';
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { linkOptions } from '../common/links.js';
import { ProjectSummary } from '../analytics/analytics.types.js';
import { publishAttendanceChange } from '../attendance/attendance.service.js';
import { EnterpriseRef, ProjectRef } from '../common/refs.js';
import type { WorkforceContext } from '../context.js';
import { WorkforcePermission } from '../permissions.js';
import { ProjectSite } from '../sites/site.entity.js';
import { Employment } from './employment.entity.js';
import { COMMON_TRADES, KEY_POSTS } from './key-posts.js';
import {
  CreatePersonInput,
  EmploymentInput,
  PersonFilter,
  TrainingInput,
  UpdateEmploymentInput,
  UpdatePersonInput,
  WorkforcePersonSort,
  type WorkforcePersonSortField,
} from './person.inputs.js';
import { Person } from './person.entity.js';
import {
  addTraining,
  assignPerson,
  createPerson,
  deletePerson,
  exitEmployment,
  countPeople,
  findVisibleEmployment,
  listPeople,
  peopleWhere,
  updateEmployment,
  updatePerson,
} from './person.service.js';
import { PEOPLE_EXPORT, PEOPLE_TEMPLATE, PEOPLE_TITLE, type PeopleListArgs, personImport } from './person.lists.js';
import { PersonPage } from './person.types.js';
import { ageOn, districtName, revealPersonal, sexLabel } from './personal-data.js';
import { coverageOn, registerDelta } from './register.js';
import { Training } from './training.entity.js';

function reveal(cipher: string | null, ctx: WorkforceContext, mask: (v: string) => string): string | null {
  return revealPersonal(cipher, ctx.caller, ctx.runtime.fieldKey, mask, ctx.deps.logger);
}

/**
 * Runs a change of an assignment and, when it moves today's register of its project, sends that as
 * an `attendanceChanged` event, so the dashboard's 在册 figures follow without a reload.
 */
async function announced(
  ctx: WorkforceContext,
  employmentId: string | null,
  change: () => Promise<Employment>,
): Promise<Employment> {
  const today = chinaDate(ctx.runtime.now());
  const before = employmentId
    ? coverageOn(await findVisibleEmployment(ctx.em, requireCaller(ctx), employmentId), today)
    : null;
  const employment = await change();
  const delta = await registerDelta(ctx.em, employment, before, today);
  if (delta) {
    const { pubSub, logger } = ctx.deps;
    await publishAttendanceChange({ pubSub, logger, now: ctx.runtime.now }, delta);
  }
  return employment;
}

@Resolver(() => Person)
export class PersonResolver {
  @Authorized(WorkforcePermission.PERSON_VIEW)
  @Query(() => PersonPage, { description: '实名制人员列表（1.2.1；按数据权限）' })
  workforcePeople(
    @Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('sort', () => WorkforcePersonSort, { nullable: true, description: '排序（默认按登记时间倒序）' })
    sort: Sort<WorkforcePersonSortField> | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Page<Person>> {
    return listPeople(ctx.em, ctx.caller, filter, page, ctx.runtime, sort);
  }

  @Authorized(WorkforcePermission.PERSON_VIEW)
  @Mutation(() => DownloadLink, {
    description:
      '导出实名制人员列表（Excel）：与列表相同的筛选、排序和数据权限，或只导出所选；身份证号和手机号按权限脱敏。返回 5 分钟内有效的下载地址',
  })
  async exportWorkforcePeople(
    @Arg('filter', () => PersonFilter, { nullable: true }) filter: PersonFilter | null,
    @Arg('sort', () => WorkforcePersonSort, { nullable: true }) sort: Sort<WorkforcePersonSortField> | null,
    @Arg('ids', () => [ID], { nullable: true, description: '只导出这些人员（批量导出所选）' }) ids: string[] | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<DownloadLink> {
    const caller = requireCaller(ctx);
    const count = await countPeople(ctx.em, peopleWhere(caller, filter, ctx.runtime, ids));
    const args: PeopleListArgs = { filter, sort, ids };
    return exportLink(linkOptions(ctx), { kind: PEOPLE_EXPORT, title: PEOPLE_TITLE, caller, args: { ...args } }, count);
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Query(() => DownloadLink, { description: '实名制人员导入模板（Excel）的下载地址' })
  workforcePersonImportTemplate(@Ctx() ctx: WorkforceContext): DownloadLink {
    const options = linkOptions(ctx);
    return issueDownloadLink(
      options.fieldKey,
      options.subgraph,
      { kind: PEOPLE_TEMPLATE, args: {}, caller: requireCaller(ctx), fileName: '实名制人员导入模板.xlsx' },
      0,
      options.now,
    );
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => ImportReport, {
    description:
      '从 Excel 登记实名制人员：每行按“登记实名制人员”的规则检查（身份证号校验、与出生日期一致、文件内和已登记的不重复等）；dryRun 只检查并逐行报告问题；任何一行有误时一条也不导入',
  })
  importWorkforcePeople(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Arg('dryRun', () => Boolean) dryRun: boolean,
    @Ctx() ctx: WorkforceContext,
  ): Promise<ImportReport> {
    requireCaller(ctx);
    return runImport(ctx, personImport, file, dryRun);
  }

  @Authorized(WorkforcePermission.PERSON_VIEW)
  @Query(() => Person, { description: '按 id 查询人员；无权查看时与不存在一样返回 NOT_FOUND' })
  async workforcePerson(@Arg('id', () => ID) id: string, @Ctx() ctx: WorkforceContext): Promise<Person> {
    const person = await ctx.loaders.personById.load(id);
    if (!person) throw notFound('人员');
    return person;
  }

  @Authorized()
  @Query(() => Person, { nullable: true, description: '当前登录账号关联的人员（手机打卡页用）' })
  async myWorkforcePerson(@Ctx() ctx: WorkforceContext): Promise<Person | null> {
    const caller = requireCaller(ctx);
    return ctx.em.findOne(Person, { userId: caller.userId });
  }

  @Authorized()
  @Query(() => [String], { description: '关键岗位名称（项目经理、技术负责人等）' })
  workforceKeyPosts(): readonly string[] {
    return KEY_POSTS;
  }

  @Authorized()
  @Query(() => [String], { description: '常用工种（表单下拉选项；也可填写其他工种）' })
  workforceTrades(): readonly string[] {
    return COMMON_TRADES;
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => Person, { description: '登记实名制人员（身份证号校验、加密存储；性别和出生日期取自身份证号）' })
  createWorkforcePerson(
    @Arg('input', () => CreatePersonInput) input: CreatePersonInput,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Person> {
    return createPerson(ctx.em, requireCaller(ctx), input, ctx.runtime, ctx.runtime.now());
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => Person, { description: '修改人员信息（只修改传入的字段）' })
  updateWorkforcePerson(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Person> {
    return updatePerson(ctx.em, requireCaller(ctx), id, input, ctx.runtime);
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => Boolean, { description: '删除误登记的人员（已有用工或考勤记录的不能删除）' })
  deleteWorkforcePerson(@Arg('id', () => ID) id: string, @Ctx() ctx: WorkforceContext): Promise<boolean> {
    return deletePerson(ctx.em, requireCaller(ctx), id);
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => Employment, { description: '进场登记：人员到项目的岗位、用工单位和劳动合同' })
  assignWorkforcePerson(
    @Arg('input', () => EmploymentInput) input: EmploymentInput,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Employment> {
    return announced(ctx, null, () => assignPerson(ctx.em, requireCaller(ctx), input, ctx.runtime.now()));
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => Employment, { description: '修改岗位和劳动合同条款（只修改传入的字段；人员和项目不可改）' })
  updateWorkforceEmployment(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateEmploymentInput) input: UpdateEmploymentInput,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Employment> {
    return announced(ctx, id, () => updateEmployment(ctx.em, requireCaller(ctx), id, input));
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => Employment, { description: '退场登记' })
  exitWorkforceEmployment(
    @Arg('id', () => ID) id: string,
    @Arg('exitDate', () => String, { description: '退场日期（YYYY-MM-DD）' }) exitDate: string,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Employment> {
    return announced(ctx, id, () => exitEmployment(ctx.em, requireCaller(ctx), id, exitDate, ctx.runtime.now()));
  }

  @Authorized(WorkforcePermission.PERSON_EDIT)
  @Mutation(() => Training, { description: '新增培训记录' })
  addWorkforceTraining(
    @Arg('personId', () => ID) personId: string,
    @Arg('input', () => TrainingInput) input: TrainingInput,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Training> {
    return addTraining(ctx.em, requireCaller(ctx), personId, input, ctx.runtime.now());
  }

  // --- fields ---------------------------------------------------------------------------------

  @FieldResolver(() => String, { nullable: true, description: '身份证号（无 workforce:person:sensitive 权限时脱敏）' })
  idCard(@Root() person: Person, @Ctx() ctx: WorkforceContext): string | null {
    return reveal(person.idCardCipher, ctx, maskIdCard);
  }

  @FieldResolver(() => String, { nullable: true, description: '手机号（无 workforce:person:sensitive 权限时脱敏）' })
  phone(@Root() person: Person, @Ctx() ctx: WorkforceContext): string | null {
    return reveal(person.phoneCipher, ctx, maskPhone);
  }

  @FieldResolver(() => Int, { description: '年龄（周岁，按北京时间今天）' })
  age(@Root() person: Person, @Ctx() ctx: WorkforceContext): number {
    return ageOn(person.birthDate, chinaDate(ctx.runtime.now()));
  }

  @FieldResolver(() => String, { description: '性别名称' })
  sexLabel(@Root() person: Person): string {
    return sexLabel(person.sex);
  }

  @FieldResolver(() => [Employment], { description: '用工登记（含历史），进场日期倒序' })
  employments(@Root() person: Person, @Ctx() ctx: WorkforceContext): Promise<Employment[]> {
    return ctx.loaders.employmentsByPerson.load(person.id);
  }

  @FieldResolver(() => [Training], { description: '培训记录' })
  trainings(@Root() person: Person, @Ctx() ctx: WorkforceContext): Promise<Training[]> {
    return ctx.loaders.trainingsByPerson.load(person.id);
  }
}

@Resolver(() => Employment)
export class EmploymentResolver {
  @FieldResolver(() => ID, { description: '人员 id' })
  personId(@Root() employment: Employment): string {
    return employment.person.id;
  }

  @FieldResolver(() => Person, { nullable: true, description: '人员' })
  person(@Root() employment: Employment, @Ctx() ctx: WorkforceContext): Promise<Person | null> {
    return ctx.loaders.personById.load(employment.person.id);
  }

  /**
   * Nullable: with the projects subgraph down, the employment still answers without its project.
   * Its `name` is provided here, from the site replica (ADR 0006): whoever may see the employment
   * may see where it is, and the projects subgraph would answer a worker (no project:view, scope
   * SELF) with nothing at all. Any other field of the project comes from projects, in its scope.
   */
  @FieldResolver(() => ProjectRef, {
    nullable: true,
    description: '工程项目（projects 子图；项目子系统不可用时为 null）。名称来自考勤围栏副本，可见本用工登记即可见',
  })
  @Directive('@provides(fields: "name")')
  async project(@Root() employment: Employment, @Ctx() ctx: WorkforceContext): Promise<ProjectRef> {
    const site = await ctx.loaders.siteByProject.load(employment.projectId);
    return { __typename: 'Project', id: employment.projectId, name: site?.name } as ProjectRef;
  }

  @FieldResolver(() => String, { nullable: true, description: '项目名称（考勤围栏副本中的名称）' })
  async projectName(@Root() employment: Employment, @Ctx() ctx: WorkforceContext): Promise<string | null> {
    return (await ctx.loaders.siteByProject.load(employment.projectId))?.name ?? null;
  }

  @FieldResolver(() => String, { description: '区县名称' })
  districtName(@Root() employment: Employment): string {
    return districtName(employment.districtCode);
  }

  @FieldResolver(() => EnterpriseRef, { nullable: true, description: '用工单位（projects 子图的企业）' })
  enterprise(@Root() employment: Employment): EnterpriseRef | null {
    return employment.enterpriseId
      ? ({ __typename: 'Enterprise', id: employment.enterpriseId } as EnterpriseRef)
      : null;
  }

  @FieldResolver(() => Boolean, { description: '是否在场（未退场）' })
  active(@Root() employment: Employment): boolean {
    return employment.exitDate == null;
  }
}

/** Project (owned by the projects subgraph) gains its workforce figures and fence here. */
@Resolver(() => ProjectRef)
export class ProjectWorkforceResolver {
  @FieldResolver(() => ProjectSummary, {
    nullable: true,
    description: '今日劳务概况（在册、出勤、在场；按数据权限；无 workforce:attendance:view 权限时为空）',
  })
  async workforce(@Root() project: ProjectRef, @Ctx() ctx: WorkforceContext): Promise<ProjectSummary | null> {
    if (!hasPermission(ctx.caller, WorkforcePermission.ATTENDANCE_VIEW)) return null;
    return ctx.loaders.summaryByProject.load(project.id);
  }

  @FieldResolver(() => ProjectSite, { nullable: true, description: '考勤围栏（电子围栏副本与容差）' })
  workforceSite(@Root() project: ProjectRef, @Ctx() ctx: WorkforceContext): Promise<ProjectSite | null> {
    if (!ctx.caller) return Promise.resolve(null);
    return ctx.loaders.siteByProject.load(project.id);
  }

  // Nullable: with the workforce subgraph down, a Project query still answers (null here plus an error).
  @FieldResolver(() => PersonPage, {
    nullable: true,
    description: '该项目在场人员（分页；按数据权限；劳务子系统不可用时为 null）',
  })
  async personnel(
    @Root() project: ProjectRef,
    @Arg('page', () => PageInput, { nullable: true }) page: PageInput | null,
    @Arg('keyPostOnly', () => Boolean, { nullable: true, description: '只看关键岗位' }) keyPostOnly: boolean | null,
    @Ctx() ctx: WorkforceContext,
  ): Promise<Page<Person>> {
    if (!hasPermission(ctx.caller, WorkforcePermission.PERSON_VIEW))
      return { items: [], total: 0, page: 1, pageSize: 0 };
    return listPeople(ctx.em, ctx.caller, { projectId: project.id, keyPostOnly }, page, ctx.runtime);
  }
}
