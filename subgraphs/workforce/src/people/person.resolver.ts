import {
  chinaDate,
  decryptField,
  hasPermission,
  HUANGSHI_DIVISIONS,
  maskIdCard,
  maskPhone,
  notFound,
  type Page,
  PageInput,
  requireCaller,
} from '@hs/kit';
import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
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
} from './person.inputs.js';
import { Person } from './person.entity.js';
import {
  addTraining,
  assignPerson,
  createPerson,
  deletePerson,
  exitEmployment,
  findVisibleEmployment,
  listPeople,
  updateEmployment,
  updatePerson,
} from './person.service.js';
import { PersonPage } from './person.types.js';
import { coverageOn, registerDelta } from './register.js';
import { Training } from './training.entity.js';

const DISTRICT_NAMES = new Map(HUANGSHI_DIVISIONS.map((d) => [d.code, d.name]));

function reveal(cipher: string | null, ctx: WorkforceContext, mask: (v: string) => string): string | null {
  if (!cipher) return null;
  let plain: string;
  try {
    plain = decryptField(cipher, ctx.runtime.fieldKey);
  } catch (error) {
    ctx.deps.logger.error({ err: error }, 'stored personal data cannot be decrypted (wrong FIELD_ENCRYPTION_KEY?)');
    return null;
  }
  return hasPermission(ctx.caller, WorkforcePermission.PERSON_SENSITIVE) ? plain : mask(plain);
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
    @Ctx() ctx: WorkforceContext,
  ): Promise<Page<Person>> {
    return listPeople(ctx.em, ctx.caller, filter, page, ctx.runtime);
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
    const today = chinaDate(ctx.runtime.now());
    const years = Number(today.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
    return today.slice(5) >= person.birthDate.slice(5) ? years : years - 1;
  }

  @FieldResolver(() => String, { description: '性别名称' })
  sexLabel(@Root() person: Person): string {
    return person.sex === 'MALE' ? '男' : '女';
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
    return DISTRICT_NAMES.get(employment.districtCode) ?? employment.districtCode;
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
