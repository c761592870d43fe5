import { randomUUID } from 'node:crypto';
import { Migration } from '@mikro-orm/migrations';

/**
 * Login captcha challenges, dictionaries (字典管理) and an index for counting recent failed
 * logins per client address. The built-in dictionaries are reference data the web apps need in
 * every database (production is migrated, never seeded), so they are inserted here from a frozen
 * copy; later additions go into new migrations (and dict-data.ts for the seed's safety net).
 */
const FROZEN_DICTIONARIES: { code: string; name: string; description: string; items: [string, string, string?][] }[] = [
  {
    code: 'project_type',
    name: '项目类别',
    description: '工程项目的类别（与接口 ProjectType 的取值一致）',
    items: [
      ['HOUSING', '房屋建筑'],
      ['MUNICIPAL', '市政基础设施'],
      ['INDUSTRIAL', '工业建筑'],
      ['TRANSPORT', '交通'],
      ['WATER', '水利'],
      ['OTHER', '其他'],
    ],
  },
  {
    code: 'project_status',
    name: '项目状态',
    description: '工程项目的建设状态（与接口 ProjectStatus 的取值一致）',
    items: [
      ['PLANNED', '未开工', 'info'],
      ['UNDER_CONSTRUCTION', '在建', 'primary'],
      ['SUSPENDED', '停工', 'warning'],
      ['COMPLETED', '竣工', 'success'],
    ],
  },
  {
    code: 'unit_role',
    name: '参建单位类型',
    description: '工程项目参建单位的类型（与接口 UnitRole 的取值一致）',
    items: [
      ['BUILDER', '建设单位'],
      ['GENERAL_CONTRACTOR', '施工总包单位'],
      ['SUPERVISOR', '监理单位'],
      ['SURVEYOR', '勘察单位'],
      ['DESIGNER', '设计单位'],
    ],
  },
  {
    code: 'qualification_grade',
    name: '企业资质等级',
    description: '建设工程企业资质等级',
    items: ['特级', '一级', '二级', '三级', '甲级', '乙级', '丙级', '综合资质', '不分等级'].map((v) => [v, v]),
  },
  {
    code: 'qualification_type',
    name: '企业资质类别',
    description: '常用的建设工程企业资质名称（录入企业资质时可选，也可手工填写）',
    items: [
      '建筑工程施工总承包',
      '市政公用工程施工总承包',
      '公路工程施工总承包',
      '水利水电工程施工总承包',
      '机电工程施工总承包',
      '房屋建筑工程监理',
      '市政公用工程监理',
      '工程勘察专业类（岩土工程）',
      '建筑行业（建筑工程）设计',
      '房地产开发企业资质',
    ].map((v) => [v, v]),
  },
  {
    code: 'department_kind',
    name: '部门类型',
    description: '组织机构的类型（与接口 DepartmentKind 的取值一致）',
    items: [
      ['BUREAU', '市局'],
      ['SECTION', '科室'],
      ['DISTRICT_BUREAU', '区县住建局'],
      ['ASSOCIATION', '协会'],
      ['ENTERPRISE', '企业'],
      ['EXPERTS', '专家'],
    ],
  },
  {
    code: 'enable_status',
    name: '启用状态',
    description: '用户、部门、角色、字典的启用 / 停用',
    items: [
      ['ACTIVE', '启用', 'success'],
      ['DISABLED', '停用', 'danger'],
    ],
  },
];

const literal = (value: string | null | undefined) => (value == null ? 'null' : `'${value.replaceAll("'", "''")}'`);

export class Migration20251201000100CaptchaDictionaries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."login_captcha" (
      "id" uuid not null,
      "answer_hash" varchar(64) not null,
      "expires_at" timestamptz not null,
      "created_at" timestamptz not null,
      "ip" varchar(64) null,
      constraint "login_captcha_pkey" primary key ("id"));`);
    this.addSql(`create index "login_captcha_expires_at_idx" on "identity"."login_captcha" ("expires_at");`);

    this.addSql(`create index "login_log_ip_at_idx" on "identity"."login_log" ("ip", "at");`);

    this.addSql(`create table "identity"."dict_type" (
      "id" uuid not null,
      "code" varchar(64) not null,
      "name" varchar(64) not null,
      "description" varchar(255) null,
      "built_in" boolean not null default false,
      "sort_order" int not null default 0,
      "status" varchar(16) not null default 'ACTIVE',
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "dict_type_pkey" primary key ("id"));`);
    this.addSql(`alter table "identity"."dict_type" add constraint "dict_type_code_key" unique ("code");`);

    this.addSql(`create table "identity"."dict_item" (
      "id" uuid not null,
      "type_id" uuid not null,
      "label" varchar(64) not null,
      "value" varchar(64) not null,
      "tag_type" varchar(16) null,
      "sort_order" int not null default 0,
      "status" varchar(16) not null default 'ACTIVE',
      "built_in" boolean not null default false,
      "remark" varchar(255) null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "dict_item_pkey" primary key ("id"));`);
    this.addSql(`create index "dict_item_type_id_idx" on "identity"."dict_item" ("type_id");`);
    this.addSql(
      `alter table "identity"."dict_item" add constraint "dict_item_type_id_value_key" unique ("type_id", "value");`,
    );
    this.addSql(`alter table "identity"."dict_item" add constraint "dict_item_type_id_foreign"
      foreign key ("type_id") references "identity"."dict_type" ("id") on update cascade on delete cascade;`);

    FROZEN_DICTIONARIES.forEach((dict, typeIndex) => {
      const typeId = randomUUID();
      this.addSql(`insert into "identity"."dict_type"
        ("id", "code", "name", "description", "built_in", "sort_order", "status", "created_at", "updated_at")
        values ('${typeId}', ${literal(dict.code)}, ${literal(dict.name)}, ${literal(dict.description)}, true, ${typeIndex + 1}, 'ACTIVE', current_timestamp, current_timestamp);`);
      dict.items.forEach(([value, label, tagType], index) => {
        this.addSql(`insert into "identity"."dict_item"
          ("id", "type_id", "label", "value", "tag_type", "sort_order", "status", "built_in", "remark", "created_at", "updated_at")
          values ('${randomUUID()}', '${typeId}', ${literal(label)}, ${literal(value)}, ${literal(tagType)}, ${index + 1}, 'ACTIVE', true, null, current_timestamp, current_timestamp);`);
      });
    });
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "identity"."dict_item" cascade;`);
    this.addSql(`drop table if exists "identity"."dict_type" cascade;`);
    this.addSql(`drop index if exists "identity"."login_log_ip_at_idx";`);
    this.addSql(`drop table if exists "identity"."login_captcha" cascade;`);
  }
}
