import {
  batchIds,
  blindIndex,
  type Caller,
  checkDate,
  checkIdCard,
  checkMobile,
  checkText,
  chinaDate,
  cleanCode,
  cleanText,
  conflict,
  encryptField,
  type FieldIssue,
  forbidden,
  isIsoDate,
  isUuid,
  likeContains,
  normaliseForIndex,
  notFound,
  type Page,
  type PageInput,
  pageWindow,
  pgArray,
  SHA256_HEX,
  sm3,
  type Sort,
  throwIssues,
} from '@hs/kit';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { orderSql } from '../common/order.js';
import {
  and,
  type AssignmentLookup,
  employmentScopeSql,
  personScopeIdsSql,
  personScopeSql,
  seesAll,
  type Sql,
} from '../common/scope.js';
import { checkFileReference } from '../files/file.service.js';
import { WorkforceFilePurpose } from '../files/file.types.js';
import { ProjectSite } from '../sites/site.entity.js';
import { Employment } from './employment.entity.js';
import { isKeyPost } from './key-posts.js';
import type {
  CreatePersonInput,
  EmploymentInput,
  UpdateEmploymentInput,
  PersonFilter,
  TrainingInput,
  UpdatePersonInput,
} from './person.inputs.js';
import { WorkforcePersonSortField } from './person.inputs.js';
import { Person, Sex } from './person.entity.js';
import { Training } from './training.entity.js';

export interface PersonKeys {
  /** FIELD_ENCRYPTION_KEY: SM4 for 身份证号/手机号 and the blind index key. */
  fieldKey: string;
}

/** What devices send instead of the number: SM3 of the normalised 身份证号 (no key needed on a device). */
export const idCardHash = (idCard: string): string => sm3(normaliseForIndex(idCard));

export function idCardKeys(idCard: string, fieldKey: string) {
  return {
    idCardCipher: encryptField(idCard, fieldKey),
    idCardIndex: blindIndex(idCard, fieldKey),
    idCardSm3: idCardHash(idCard),
  };
}

// ------------------------------------------------------------------------------------- reads

async function sqlRows<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute(sql, params, 'all');
}

/** People by id within the caller's scope (one query per batch). */
export async function visiblePeople(em: EntityManager, caller: Caller | null, ids: string[]): Promise<Person[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return [];
  if (seesAll(caller)) return em.find(Person, { id: { $in: valid } });
  const scope = personScopeSql(caller, 'p');
  const found = await sqlRows<{ id: string }>(
    em,
    `select p.id from workforce.person p where p.id in (${valid.map(() => '?').join(', ')}) and ${scope.sql}`,
    [...valid, ...scope.params],
  );
  return found.length ? em.find(Person, { id: { $in: found.map((r) => r.id) } }) : [];
}

export async function findVisiblePerson(em: EntityManager, caller: Caller | null, id: string): Promise<Person> {
  const [person] = await visiblePeople(em, caller, [id]);
  if (!person) throw notFound('人员');
  return person;
}

const MAX_FILTER_TEXT = 50;

/** The people list's conditions; `scopeIds` when the caller's scope is the only one (see countPeople). */
export interface PeopleWhere extends Sql {
  scopeIds: Sql | null;
}

/**
 * The people list's conditions on `workforce.person p`: the caller's scope, the filter, and (for
 * an export of the selection) the chosen ids. The list, its count and its export all read this.
 */
export function peopleWhere(
  caller: Caller | null,
  filter: PersonFilter | null | undefined,
  keys: PersonKeys,
  ids?: readonly string[] | null,
  lookup?: AssignmentLookup,
): PeopleWhere {
  const issues: FieldIssue[] = [];
  const where: Sql[] = [personScopeSql(caller, 'p', lookup)];
  const name = cleanText(filter?.name);
  if (name) {
    if (name.length > MAX_FILTER_TEXT) issues.push({ field: 'filter.name', message: '姓名关键字过长' });
    where.push({ sql: `p.name like ?`, params: [likeContains(name)] });
  }
  if (filter?.idCard != null) {
    const checked = checkIdCard(filter.idCard);
    if (!checked.ok) issues.push({ field: 'filter.idCard', message: checked.reason });
    else where.push({ sql: 'p.id_card_index = ?', params: [blindIndex(checked.value, keys.fieldKey)] });
  }
  const trade = cleanText(filter?.trade);
  if (trade) where.push({ sql: 'p.trade = ?', params: [trade] });
  // Assignment conditions: an open assignment matching all of them.
  const emp: Sql[] = [];
  if (filter?.projectId != null) {
    if (!isUuid(filter.projectId)) issues.push({ field: 'filter.projectId', message: '项目 id 格式错误' });
    else emp.push({ sql: 'fe.project_id = ?', params: [filter.projectId] });
  }
  if (filter?.districtCode != null) {
    if (!/^\d{6}$/.test(filter.districtCode))
      issues.push({ field: 'filter.districtCode', message: '区县代码应为6位数字' });
    else emp.push({ sql: 'fe.district_code = ?', params: [filter.districtCode] });
  }
  if (filter?.enterpriseId != null) {
    if (!isUuid(filter.enterpriseId)) issues.push({ field: 'filter.enterpriseId', message: '企业 id 格式错误' });
    else emp.push({ sql: 'fe.enterprise_id = ?', params: [filter.enterpriseId] });
  }
  if (filter?.keyPostOnly) emp.push({ sql: 'fe.is_key_post', params: [] });
  if (filter?.contractEndTo != null) {
    if (!isIsoDate(filter.contractEndTo))
      issues.push({ field: 'filter.contractEndTo', message: '合同截止日期格式应为 YYYY-MM-DD 且为有效日期' });
    else emp.push({ sql: 'fe.contract_end <= ?', params: [filter.contractEndTo] });
  }
  if (filter?.insuranceStatus != null)
    where.push({
      sql: 'exists (select 1 from workforce.insurance_status fi where fi.person_id = p.id and fi.status = ?)',
      params: [filter.insuranceStatus],
    });
  if (ids) where.push({ sql: 'p.id = any(?::uuid[])', params: [pgArray(batchIds(ids))] });
  throwIssues(issues);
  if (emp.length) {
    const e = and(...emp);
    where.push({
      sql: `exists (select 1 from workforce.employment fe where fe.person_id = p.id and fe.exit_date is null and ${e.sql})`,
      params: e.params,
    });
  }
  return { ...and(...where), scopeIds: where.length === 1 ? personScopeIdsSql(caller) : null };
}

/** The people list's order: the chosen column (年龄 by birth date, reversed), newest registrations first without one. */
export const peopleOrder = (sort: Sort<WorkforcePersonSortField> | null | undefined): string =>
  orderSql(
    sort,
    {
      [WorkforcePersonSortField.NAME]: (d) => ({ 'p.name': d }),
      [WorkforcePersonSortField.SEX]: (d) => ({ 'p.sex': d }),
      [WorkforcePersonSortField.AGE]: (d) => ({ 'p.birth_date': d === 'asc' ? 'desc' : 'asc' }),
      [WorkforcePersonSortField.TRADE]: (d) => ({ 'p.trade': d }),
      [WorkforcePersonSortField.CREATED_AT]: (d) => ({ 'p.created_at': d }),
    },
    [{ 'p.created_at': 'desc' }],
    'p.id',
  );

/**
 * How many people match: with the scope alone, the count of the scope's ids (indexes only: every
 * assignment's person exists, the foreign key says so); otherwise the matching rows.
 */
export async function countPeople(em: EntityManager, where: PeopleWhere): Promise<number> {
  const [{ total }] = where.scopeIds
    ? await sqlRows<{ total: string }>(
        em,
        `select count(*) as total from (${where.scopeIds.sql}) visible`,
        where.scopeIds.params,
      )
    : await sqlRows<{ total: string }>(
        em,
        `select count(*) as total from workforce.person p where ${where.sql}`,
        where.params,
      );
  return Number(total);
}

/** One window of the people matching `where`, in `order`, as entities (read through `em`, in its transaction if any). */
export async function peopleWindow(
  em: EntityManager,
  where: Sql,
  order: string,
  limit: number,
  offset: number,
): Promise<Person[]> {
  const ids = await em.execute<{ id: string }[]>(
    `select p.id from workforce.person p where ${where.sql} order by ${order} limit ? offset ?`,
    [...where.params, limit, offset],
  );
  const rows = ids.length ? await em.find(Person, { id: { $in: ids.map((r) => r.id) } }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((r) => byId.get(r.id)!).filter(Boolean);
}

/** Above this many matches a page is read by walking the sort index (see AssignmentLookup). */
const DENSE_RESULT = 2_000;

export async function listPeople(
  em: EntityManager,
  caller: Caller | null,
  filter: PersonFilter | null | undefined,
  page: PageInput | null | undefined,
  keys: PersonKeys,
  sort?: Sort<WorkforcePersonSortField> | null,
): Promise<Page<Person>> {
  const window = pageWindow(page);
  const total = await countPeople(em, peopleWhere(caller, filter, keys));
  // Many matches: a page is found within the first rows of the sort index, each checked on its own.
  const lookup = total > DENSE_RESULT ? 'row' : 'set';
  const items = await peopleWindow(
    em,
    peopleWhere(caller, filter, keys, null, lookup),
    peopleOrder(sort),
    window.limit,
    window.offset,
  );
  return { items, total, page: window.page, pageSize: window.pageSize };
}

// ------------------------------------------------------------------------------------ writes

function checkPhone(issues: FieldIssue[], value: string | null | undefined): string | null {
  const text = cleanCode(value);
  if (!text) return null;
  const r = checkMobile(text);
  if (!r.ok) {
    issues.push({ field: 'phone', message: r.reason });
    return null;
  }
  return r.value;
}

/** A reference to an uploaded file: well-formed, uploaded here, and of a type the purpose accepts. */
async function checkFile(
  em: EntityManager,
  issues: FieldIssue[],
  field: string,
  value: string | null | undefined,
  purpose: WorkforceFilePurpose,
): Promise<string | null> {
  const text = cleanCode(value)?.toLowerCase() ?? null;
  if (text && !SHA256_HEX.test(text)) issues.push({ field, message: '文件摘要应为64位十六进制 SHA-256' });
  else await checkFileReference(em, issues, field, text, purpose);
  return text;
}

export function asConflict(error: unknown): never {
  if (error instanceof UniqueConstraintViolationException) {
    const text = String((error as Error).message);
    if (text.includes('person_id_card_index_key')) throw conflict('该身份证号的人员已登记', 'idCard');
    if (text.includes('person_user_id_key')) throw conflict('该账号已关联其他人员', 'userId');
    if (text.includes('employment_open_key')) throw conflict('该人员已在此项目在场，请先办理退场', 'projectId');
    throw conflict('数据已存在');
  }
  throw error;
}

/** What 登记 writes of a person, checked: the columns of `Person` that come from the form (or an import row). */
export interface PersonFields {
  name: string;
  idCard: string;
  sex: Sex;
  birthDate: string;
  ethnicity: string;
  address: string | null;
  phone: string | null;
  trade: string;
  team: string | null;
}

/**
 * Every rule of 登记实名制人员 on the typed fields: text rules and lengths, the 身份证号 (GB 11643,
 * birth date not after today), a birth date that, when given, matches the number, and the phone.
 * Shared by createWorkforcePerson and the import, so both refuse the same things with the same words.
 */
export function checkPersonFields(
  input: Pick<
    CreatePersonInput,
    'name' | 'idCard' | 'ethnicity' | 'birthDate' | 'address' | 'phone' | 'trade' | 'team'
  >,
  now: Date,
): { issues: FieldIssue[]; fields: PersonFields | null; idCard: string | null } {
  const issues: FieldIssue[] = [];
  const name = cleanText(input.name);
  checkText(issues, 'name', '姓名', name, { required: true, max: 50 });
  const id = checkIdCard(input.idCard, { now });
  if (!id.ok) issues.push({ field: 'idCard', message: id.reason });
  const birthFromId = id.ok ? `${id.value.slice(6, 10)}-${id.value.slice(10, 12)}-${id.value.slice(12, 14)}` : null;
  const birthDate = cleanCode(input.birthDate);
  checkDate(issues, 'birthDate', '出生日期', birthDate);
  if (birthDate && birthFromId && birthDate !== birthFromId)
    issues.push({ field: 'birthDate', message: `出生日期与身份证号不一致（身份证号为 ${birthFromId}）` });
  const ethnicity = cleanText(input.ethnicity);
  checkText(issues, 'ethnicity', '民族', ethnicity, { required: true, max: 20 });
  const address = cleanText(input.address);
  checkText(issues, 'address', '住址', address, { required: false, max: 200 });
  const trade = cleanText(input.trade);
  checkText(issues, 'trade', '工种', trade, { required: true, max: 30 });
  const team = cleanText(input.team);
  checkText(issues, 'team', '班组', team, { required: false, max: 50 });
  const phone = checkPhone(issues, input.phone);
  if (issues.length || !id.ok) return { issues, fields: null, idCard: id.ok ? id.value : null };
  return {
    issues,
    idCard: id.value,
    fields: {
      name: name!,
      idCard: id.value,
      sex: Number(id.value[16]) % 2 === 1 ? Sex.MALE : Sex.FEMALE,
      birthDate: birthFromId!,
      ethnicity: ethnicity!,
      address,
      phone,
      trade: trade!,
      team,
    },
  };
}

/** A new person entity from checked fields (身份证号 and phone SM4-encrypted, the blind index and SM3 digest beside). */
export function newPerson(
  em: EntityManager,
  caller: Caller,
  fields: PersonFields,
  keys: PersonKeys,
  extra: { photoSha256?: string | null; userId?: string | null } = {},
): Person {
  return em.create(Person, {
    name: fields.name,
    ...idCardKeys(fields.idCard, keys.fieldKey),
    sex: fields.sex,
    ethnicity: fields.ethnicity,
    birthDate: fields.birthDate,
    address: fields.address,
    phoneCipher: fields.phone ? encryptField(fields.phone, keys.fieldKey) : null,
    photoSha256: extra.photoSha256 ?? null,
    trade: fields.trade,
    team: fields.team,
    userId: extra.userId ?? null,
    createdById: isUuid(caller.userId) ? caller.userId : null,
  });
}

export async function createPerson(
  em: EntityManager,
  caller: Caller,
  input: CreatePersonInput,
  keys: PersonKeys,
  now = new Date(),
): Promise<Person> {
  const { issues, fields } = checkPersonFields(input, now);
  const photo = await checkFile(em, issues, 'photoSha256', input.photoSha256, WorkforceFilePurpose.PERSON_PHOTO);
  if (input.userId != null && !isUuid(input.userId)) issues.push({ field: 'userId', message: '账号 id 格式错误' });
  throwIssues(issues);
  const person = newPerson(em, caller, fields!, keys, { photoSha256: photo, userId: input.userId ?? null });
  try {
    await em.flush();
  } catch (error) {
    asConflict(error);
  }
  return person;
}

export async function updatePerson(
  em: EntityManager,
  caller: Caller,
  id: string,
  input: UpdatePersonInput,
  keys: PersonKeys,
): Promise<Person> {
  const person = await findVisiblePerson(em, caller, id);
  const issues: FieldIssue[] = [];
  const patch: Partial<Person> = {};
  if (input.name !== undefined) {
    patch.name = cleanText(input.name) as string;
    checkText(issues, 'name', '姓名', patch.name, { required: true, max: 50 });
  }
  if (input.ethnicity !== undefined) {
    patch.ethnicity = cleanText(input.ethnicity) as string;
    checkText(issues, 'ethnicity', '民族', patch.ethnicity, { required: true, max: 20 });
  }
  if (input.trade !== undefined) {
    patch.trade = cleanText(input.trade) as string;
    checkText(issues, 'trade', '工种', patch.trade, { required: true, max: 30 });
  }
  if (input.address !== undefined) {
    patch.address = cleanText(input.address);
    checkText(issues, 'address', '住址', patch.address, { required: false, max: 200 });
  }
  if (input.team !== undefined) {
    patch.team = cleanText(input.team);
    checkText(issues, 'team', '班组', patch.team, { required: false, max: 50 });
  }
  if (input.phone !== undefined) {
    const phone = checkPhone(issues, input.phone);
    patch.phoneCipher = phone ? encryptField(phone, keys.fieldKey) : null;
  }
  if (input.photoSha256 !== undefined) {
    patch.photoSha256 = await checkFile(
      em,
      issues,
      'photoSha256',
      input.photoSha256,
      WorkforceFilePurpose.PERSON_PHOTO,
    );
  }
  if (input.userId !== undefined) {
    if (input.userId != null && !isUuid(input.userId)) issues.push({ field: 'userId', message: '账号 id 格式错误' });
    patch.userId = input.userId ?? null;
  }
  throwIssues(issues);
  em.assign(person, patch);
  try {
    await em.flush();
  } catch (error) {
    asConflict(error);
  }
  return person;
}

/** Only a person with no assignment history and no attendance: otherwise records would be orphaned. */
export async function deletePerson(em: EntityManager, caller: Caller, id: string): Promise<boolean> {
  const person = await findVisiblePerson(em, caller, id);
  const [{ n }] = await sqlRows<{ n: string }>(
    em,
    `select (select count(*) from workforce.employment where person_id = ?) + (select count(*) from workforce.attendance where person_id = ?) as n`,
    [person.id, person.id],
  );
  if (Number(n) > 0) throw conflict('该人员已有用工或考勤记录，不能删除（请办理退场）');
  await em.removeAndFlush(person);
  return true;
}

// ------------------------------------------------------------------------------- assignments

/** Assignments by id within the caller's scope. */
export async function findVisibleEmployment(em: EntityManager, caller: Caller | null, id: string): Promise<Employment> {
  if (!isUuid(id)) throw notFound('用工登记');
  const scope = employmentScopeSql(caller, 'e');
  const [row] = await sqlRows<{ id: string }>(
    em,
    `select e.id from workforce.employment e where e.id = ? and ${scope.sql}`,
    [id, ...scope.params],
  );
  if (!row) throw notFound('用工登记');
  return em.findOneOrFail(Employment, { id: row.id }, { populate: ['person'] });
}

function checkContract(issues: FieldIssue[], input: Partial<EmploymentInput>) {
  checkDate(issues, 'contractStart', '合同开始日期', input.contractStart);
  checkDate(issues, 'contractEnd', '合同结束日期', input.contractEnd);
  if (input.contractStart && input.contractEnd && input.contractEnd < input.contractStart)
    issues.push({ field: 'contractEnd', message: '合同结束日期不能早于开始日期' });
  if (input.wageAmount != null && !(input.wageAmount >= 0 && input.wageAmount < 1e9))
    issues.push({ field: 'wageAmount', message: '工资标准应为非负金额' });
  checkText(issues, 'contractNo', '劳动合同编号', cleanCode(input.contractNo), { required: false, max: 50 });
}

/** 进场: a person joins a project in a post. The project must be known here (its site replica). */
export async function assignPerson(
  em: EntityManager,
  caller: Caller,
  input: EmploymentInput,
  now = new Date(),
): Promise<Employment> {
  const issues: FieldIssue[] = [];
  const post = cleanText(input.post);
  checkText(issues, 'post', '岗位', post, { required: true, max: 30 });
  checkDate(issues, 'entryDate', '进场日期', input.entryDate);
  if (input.entryDate && input.entryDate > chinaDate(now))
    issues.push({ field: 'entryDate', message: '进场日期不能晚于今天' });
  if (!isUuid(input.projectId)) issues.push({ field: 'projectId', message: '项目 id 格式错误' });
  if (input.enterpriseId != null && !isUuid(input.enterpriseId))
    issues.push({ field: 'enterpriseId', message: '企业 id 格式错误' });
  const enterpriseName = cleanText(input.enterpriseName);
  checkText(issues, 'enterpriseName', '用工单位名称', enterpriseName, { required: false, max: 100 });
  checkContract(issues, input);
  const contractSha = await checkFile(
    em,
    issues,
    'contractFileSha256',
    input.contractFileSha256,
    WorkforceFilePurpose.CONTRACT,
  );
  throwIssues(issues);
  const person = await findVisiblePerson(em, caller, input.personId);
  const site = await em.findOne(ProjectSite, { projectId: input.projectId });
  if (!site) throw notFound('工程项目');
  // Staff of a district register people on their own district's projects only.
  if (!seesAll(caller) && !caller.scope.districtCodes.includes(site.districtCode)) {
    const own = caller.scope.enterpriseIds.includes(input.enterpriseId ?? '');
    if (!own) throw forbidden('只能登记本辖区项目或本企业的用工');
  }
  const employment = em.create(Employment, {
    person,
    projectId: site.projectId,
    districtCode: site.districtCode,
    enterpriseId: input.enterpriseId ?? null,
    enterpriseName,
    post: post!,
    isKeyPost: isKeyPost(post!),
    entryDate: input.entryDate,
    contractNo: cleanCode(input.contractNo),
    contractStart: input.contractStart ?? null,
    contractEnd: input.contractEnd ?? null,
    wageType: input.wageType ?? null,
    wageAmount: input.wageAmount ?? null,
    contractFileSha256: contractSha,
    createdById: isUuid(caller.userId) ? caller.userId : null,
  });
  try {
    await em.flush();
  } catch (error) {
    asConflict(error);
  }
  return employment;
}

/** 退场: the exit date closes the assignment; the row stays as history. */
export async function exitEmployment(
  em: EntityManager,
  caller: Caller,
  id: string,
  exitDate: string,
  now = new Date(),
): Promise<Employment> {
  const employment = await findVisibleEmployment(em, caller, id);
  const issues: FieldIssue[] = [];
  checkDate(issues, 'exitDate', '退场日期', exitDate);
  if (exitDate < employment.entryDate) issues.push({ field: 'exitDate', message: '退场日期不能早于进场日期' });
  if (exitDate > chinaDate(now)) issues.push({ field: 'exitDate', message: '退场日期不能晚于今天' });
  if (employment.exitDate) issues.push({ field: 'exitDate', message: '该人员已退场' });
  throwIssues(issues);
  employment.exitDate = exitDate;
  await em.flush();
  return employment;
}

/** Changes post and contract terms of an assignment (only the fields given). */
export async function updateEmployment(
  em: EntityManager,
  caller: Caller,
  id: string,
  input: UpdateEmploymentInput,
): Promise<Employment> {
  const employment = await findVisibleEmployment(em, caller, id);
  const issues: FieldIssue[] = [];
  const merged = {
    contractStart: input.contractStart !== undefined ? input.contractStart : employment.contractStart,
    contractEnd: input.contractEnd !== undefined ? input.contractEnd : employment.contractEnd,
    contractNo: input.contractNo,
    wageAmount: input.wageAmount,
  };
  checkContract(issues, merged);
  let post: string | null = null;
  if (input.post !== undefined) {
    post = cleanText(input.post);
    checkText(issues, 'post', '岗位', post, { required: true, max: 30 });
  }
  const sha =
    input.contractFileSha256 !== undefined
      ? await checkFile(em, issues, 'contractFileSha256', input.contractFileSha256, WorkforceFilePurpose.CONTRACT)
      : undefined;
  throwIssues(issues);
  if (post) {
    employment.post = post;
    employment.isKeyPost = isKeyPost(post);
  }
  if (input.contractNo !== undefined) employment.contractNo = cleanCode(input.contractNo);
  employment.contractStart = merged.contractStart ?? null;
  employment.contractEnd = merged.contractEnd ?? null;
  if (input.wageType !== undefined) employment.wageType = input.wageType ?? null;
  if (input.wageAmount !== undefined) employment.wageAmount = input.wageAmount ?? null;
  if (sha !== undefined) employment.contractFileSha256 = sha;
  await em.flush();
  return employment;
}

export async function addTraining(
  em: EntityManager,
  caller: Caller,
  personId: string,
  input: TrainingInput,
  now = new Date(),
): Promise<Training> {
  const person = await findVisiblePerson(em, caller, personId);
  const issues: FieldIssue[] = [];
  const title = cleanText(input.title);
  checkText(issues, 'title', '培训名称', title, { required: true, max: 100 });
  checkDate(issues, 'trainedOn', '培训日期', input.trainedOn);
  if (input.trainedOn > chinaDate(now)) issues.push({ field: 'trainedOn', message: '培训日期不能晚于今天' });
  if (!(input.hours > 0 && input.hours <= 1000)) issues.push({ field: 'hours', message: '学时应在 0 到 1000 之间' });
  const provider = cleanText(input.provider);
  checkText(issues, 'provider', '培训机构', provider, { required: false, max: 100 });
  const certificateNo = cleanCode(input.certificateNo);
  checkText(issues, 'certificateNo', '证书编号', certificateNo, { required: false, max: 50 });
  throwIssues(issues);
  const training = em.create(Training, {
    person,
    title: title!,
    trainedOn: input.trainedOn,
    hours: input.hours,
    provider,
    certificateNo,
  });
  await em.flush();
  return training;
}
