import {
  batchesOf,
  blindIndex,
  chinaDate,
  type DownloadDefinition,
  type ImportColumn,
  type ImportDefinition,
  importTemplateDownload,
  listDownload,
  maskIdCard,
  maskPhone,
  pgArray,
  type RowProblem,
  type Sort,
} from '@hs/kit';
import { employmentScopeSql } from '../common/scope.js';
import type { WorkforceContext } from '../context.js';
import type { Person } from './person.entity.js';
import type { PersonFilter, WorkforcePersonSortField } from './person.inputs.js';
import {
  asConflict,
  checkPersonFields,
  newPerson,
  peopleOrder,
  peopleWhere,
  peopleWindow,
  type PersonFields,
} from './person.service.js';
import { ageOn, districtName, revealPersonal, sexLabel } from './personal-data.js';

export const PEOPLE_EXPORT = 'people';
export const PEOPLE_TEMPLATE = 'people-template';
/** The sheet's title and the file's name. */
export const PEOPLE_TITLE = '实名制人员列表';

export interface PeopleListArgs {
  filter?: PersonFilter | null;
  sort?: Sort<WorkforcePersonSortField> | null;
  ids?: string[] | null;
}

/** An open assignment as the list shows it beside the person. */
interface OpenAssignment {
  person_id: string;
  project_id: string;
  project_name: string | null;
  post: string;
  enterprise_name: string | null;
  district_code: string;
}

interface PersonRow {
  person: Person;
  idCard: string | null;
  phone: string | null;
  age: number;
  current: OpenAssignment[];
}

/**
 * The open assignments of a batch of people that the caller may see, newest entry first (the
 * list's 在场项目 / 用工单位 / 区县 columns), in the export's snapshot (`em.execute`).
 */
async function openAssignments(ctx: WorkforceContext, personIds: string[]): Promise<Map<string, OpenAssignment[]>> {
  const scope = employmentScopeSql(ctx.caller, 'e');
  const rows = await ctx.em.execute<OpenAssignment[]>(
    `select e.person_id, e.project_id, s.name as project_name, e.post, e.enterprise_name, e.district_code
       from workforce.employment e left join workforce.project_site s on s.project_id = e.project_id
      where e.person_id = any(?::uuid[]) and e.exit_date is null and ${scope.sql}
      order by e.entry_date desc, e.created_at desc`,
    [pgArray(personIds), ...scope.params],
  );
  const byPerson = new Map<string, OpenAssignment[]>();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
  return byPerson;
}

/** 实名制人员列表 with the list's columns; 身份证号 and phone masked unless the caller may see them. */
const peopleExport = listDownload<WorkforceContext, PersonRow, PeopleListArgs>({
  sheet: () => ({
    title: PEOPLE_TITLE,
    columns: [
      { header: '姓名', value: (r) => r.person.name },
      { header: '身份证号', value: (r) => r.idCard },
      { header: '性别', value: (r) => sexLabel(r.person.sex) },
      { header: '年龄', value: (r) => r.age, numeric: true },
      { header: '工种', value: (r) => r.person.trade },
      {
        header: '在场项目 / 岗位',
        value: (r) =>
          r.current.length
            ? r.current.map((e) => `${e.project_name ?? e.project_id}（${e.post}）`).join('\n')
            : '未在场',
      },
      {
        header: '用工单位',
        value: (r) =>
          r.current
            .map((e) => e.enterprise_name)
            .filter(Boolean)
            .join('、'),
      },
      { header: '区县', value: (r) => (r.current[0] ? districtName(r.current[0].district_code) : '') },
      { header: '手机号', value: (r) => r.phone },
      { header: '登记时间', value: (r) => r.person.createdAt },
    ],
  }),
  async *batches(ctx, args) {
    const caller = ctx.caller!;
    const where = peopleWhere(caller, args.filter, ctx.runtime, args.ids);
    const order = peopleOrder(args.sort);
    const today = chinaDate(ctx.runtime.now());
    const { fieldKey } = ctx.runtime;
    const { logger } = ctx.deps;
    for await (const people of batchesOf(ctx, (offset, limit) => peopleWindow(ctx.em, where, order, limit, offset))) {
      const assignments = await openAssignments(
        ctx,
        people.map((p) => p.id),
      );
      yield people.map((person) => ({
        person,
        idCard: revealPersonal(person.idCardCipher, caller, fieldKey, maskIdCard, logger),
        phone: revealPersonal(person.phoneCipher, caller, fieldKey, maskPhone, logger),
        age: ageOn(person.birthDate, today),
        current: assignments.get(person.id) ?? [],
      }));
    }
  },
});

export const PERSON_IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, example: '张三' },
  {
    key: 'idCard',
    header: '身份证号',
    required: true,
    example: '420202199001011234',
    note: '18 位，末位可为 X；请把该列设为文本格式，否则 Excel 会改写号码',
  },
  { key: 'ethnicity', header: '民族', required: true, example: '汉族' },
  {
    key: 'birthDate',
    header: '出生日期',
    example: '1990-01-01',
    note: '可不填（取自身份证号）；填写时须与身份证号一致，格式 YYYY-MM-DD',
  },
  { key: 'trade', header: '工种', required: true, example: '钢筋工', note: '如钢筋工、木工、电工、普工、管理人员等' },
  { key: 'team', header: '班组', example: '钢筋一班' },
  { key: 'phone', header: '手机号', example: '13800000000' },
  { key: 'address', header: '住址', example: '湖北省黄石市黄石港区' },
];

/** The import's column for each field that 登记实名制人员 names in its refusals. */
const COLUMN_OF_FIELD: Record<string, string> = Object.fromEntries(PERSON_IMPORT_COLUMNS.map((c) => [c.key, c.header]));

interface PersonRecord {
  fields: PersonFields;
}

/**
 * 实名制人员导入: each row checked as 登记实名制人员 checks one person (checkPersonFields: text rules,
 * 身份证号 GB 11643 and not after today, birth date matching it, phone), 身份证号 unique within the
 * file and among everyone registered (by the blind index: the numbers stay encrypted); written with
 * the importer as 登记人, so they are in the importer's own scope.
 */
export const personImport: ImportDefinition<WorkforceContext, PersonRecord> = {
  title: '实名制人员导入',
  columns: PERSON_IMPORT_COLUMNS,
  async check(ctx, rows) {
    const now = ctx.runtime.now();
    const problems: RowProblem[] = [];
    const firstRowOf = new Map<string, number>();
    // Every row with a valid 身份证号 is checked for duplicates, even when another of its cells is
    // wrong, so that fixing that cell does not reveal a second problem on the next try.
    const numbered: { row: number; index: string; record: PersonRecord | null }[] = [];
    for (const { row, values } of rows) {
      const { issues, fields, idCard } = checkPersonFields(
        {
          name: values.name,
          idCard: values.idCard,
          ethnicity: values.ethnicity,
          birthDate: values.birthDate || null,
          address: values.address || null,
          phone: values.phone || null,
          trade: values.trade,
          team: values.team || null,
        },
        now,
      );
      for (const issue of issues)
        problems.push({ row, column: COLUMN_OF_FIELD[issue.field] ?? null, message: issue.message });
      if (!idCard) continue;
      const index = blindIndex(idCard, ctx.runtime.fieldKey);
      const earlier = firstRowOf.get(index);
      if (earlier) {
        problems.push({ row, column: '身份证号', message: `与第 ${earlier} 行重复` });
        continue;
      }
      firstRowOf.set(index, row);
      numbered.push({ row, index, record: fields ? { fields } : null });
    }
    const registered = numbered.length
      ? await ctx.em.execute<{ id_card_index: string }[]>(
          `select id_card_index from workforce.person where id_card_index = any(?::varchar[])`,
          [pgArray(numbered.map((c) => c.index))],
        )
      : [];
    const taken = new Set(registered.map((r) => r.id_card_index));
    const records: PersonRecord[] = [];
    for (const { row, index, record } of numbered) {
      if (taken.has(index)) problems.push({ row, column: '身份证号', message: '该身份证号的人员已登记' });
      else if (record) records.push(record);
    }
    return { records, problems };
  },
  async apply(ctx, records) {
    const caller = ctx.caller!;
    for (const { fields } of records) newPerson(ctx.em, caller, fields, ctx.runtime);
    try {
      await ctx.em.flush();
    } catch (error) {
      // Registered by someone else between the check and now: the whole file is refused, as a conflict.
      asConflict(error);
    }
    return { created: records.length, updated: 0 };
  },
};

export const peopleDownloads: Record<string, DownloadDefinition<WorkforceContext>> = {
  [PEOPLE_EXPORT]: peopleExport,
  [PEOPLE_TEMPLATE]: importTemplateDownload(personImport),
};
