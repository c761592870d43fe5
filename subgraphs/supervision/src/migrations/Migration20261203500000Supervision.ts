import { exchangeHandledMigrationSql, exchangeLastRunIndexSql, exchangeMigrationSql } from '@hs/kit';
import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_HAZARD_LEVELS, DEFAULT_OUTCOMES } from '../inspections/dictionary.entity.js';

const S = '"supervision"';
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Initial schema of the supervision subgraph (3.2.1 质量安全监督), all in schema "supervision":
 * the dictionaries (hazard levels, outcomes), the project replica, inspections and their problems,
 * the exchange tables with pg-boss in "supervision_jobs" (ADR 0014), and the published view
 * `supervision.inspection_metrics_v` (DESIGN.md *_metrics_v), one row per linked project and
 * inspection day:
 *   project_id uuid, district_code text, day date — the project, its district, the inspection date;
 *   inspections, quality_inspections, safety_inspections int — inspections that day (all / 质量 / 安全);
 *   problems int — problems found; hazards_level_1 … hazards_level_4 int — of them per 隐患等级 number;
 *   stop_orders int — inspections whose outcome is 局部停工整改 or more serious;
 *   open_rectifications int — problems of that day's inspections still 未整改 / 逾期未整改 now;
 *   overdue_rectifications int — of those, the ones past their deadline (or 逾期未整改) as of today (Asia/Shanghai).
 * Every filter and sort of the list has an index.
 */
export class Migration20261203500000Supervision extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${S}.hazard_level (
      level smallint primary key check (level between 1 and 9),
      name text not null unique,
      severity smallint not null unique,
      color text not null)`);
    for (const h of DEFAULT_HAZARD_LEVELS)
      this.addSql(
        `insert into ${S}.hazard_level values (${h.level}, ${quote(h.name)}, ${h.severity}, ${quote(h.color)})`,
      );
    this.addSql(`create table ${S}.inspection_outcome (
      code text primary key,
      name text not null unique,
      sort_order smallint not null,
      needs_rectification boolean not null)`);
    for (const o of DEFAULT_OUTCOMES)
      this.addSql(
        `insert into ${S}.inspection_outcome values (${quote(o.code)}, ${quote(o.name)}, ${o.sortOrder}, ${o.needsRectification})`,
      );

    this.addSql(`create table ${S}.project_ref (
      project_id uuid primary key,
      project_code varchar(40),
      permit_code varchar(40),
      name varchar(200) not null,
      district_code varchar(6) not null,
      synced_at timestamptz not null default now())`);
    this.addSql(`create index project_ref_project_code_idx on ${S}.project_ref (project_code)`);
    this.addSql(`create index project_ref_permit_code_idx on ${S}.project_ref (permit_code)`);

    this.addSql(`create table ${S}.inspection (
      id uuid primary key,
      src_source_system text not null,
      src_source_id text not null,
      src_fetched_at timestamptz not null,
      source_updated_at timestamptz not null,
      digest varchar(64) not null,
      project_id uuid,
      district_code varchar(6),
      project_code varchar(40) not null,
      permit_code varchar(40),
      project_name varchar(200),
      inspected_on date not null,
      type text not null check (type in ('QUALITY', 'SAFETY')),
      inspectors jsonb not null,
      outcome text not null references ${S}.inspection_outcome (code),
      problem_count int not null,
      max_risk_level smallint references ${S}.hazard_level (level),
      open_count int not null,
      open_deadline date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint inspection_source_uq unique (src_source_system, src_source_id))`);
    for (const [name, columns] of [
      ['inspected_on', 'inspected_on, id'],
      ['district', 'district_code, inspected_on, id'],
      ['project', 'project_id, inspected_on, id'],
      ['type', 'type, inspected_on, id'],
      ['outcome', 'outcome, inspected_on, id'],
      ['max_risk_level', 'max_risk_level, inspected_on, id'],
      ['problem_count', 'problem_count, id'],
      ['open_deadline_sort', 'open_deadline, id'],
      ['project_code', 'project_code'],
      ['permit_code', 'permit_code'],
    ])
      this.addSql(`create index inspection_${name}_idx on ${S}.inspection (${columns})`);
    // Open and overdue rectification (open_count > 0, by earliest deadline), and the sort on it.
    this.addSql(
      `create index inspection_open_deadline_idx on ${S}.inspection (open_deadline, id) where open_count > 0`,
    );
    this.addSql(`create index inspection_unlinked_idx on ${S}.inspection (inspected_on, id) where project_id is null`);

    this.addSql(`create table ${S}.problem (
      id uuid primary key,
      inspection_id uuid not null references ${S}.inspection (id) on delete cascade,
      seq int not null,
      description text not null,
      hazard_source_type text not null,
      risk_level smallint not null references ${S}.hazard_level (level),
      outcome text not null references ${S}.inspection_outcome (code),
      deadline date,
      rectification_status text not null check (rectification_status in ('NOT_RECTIFIED', 'RECTIFIED', 'OVERDUE', 'REVIEWED')),
      rectified_on date,
      reviewed_on date,
      constraint problem_inspection_seq_uq unique (inspection_id, seq))`);
    this.addSql(`create index problem_risk_level_idx on ${S}.problem (risk_level)`);

    this.addSql(`create view ${S}.inspection_metrics_v as
      with today as (select (now() at time zone 'Asia/Shanghai')::date as d)
      select i.project_id, i.district_code, i.inspected_on as day,
        count(*)::int as inspections,
        count(*) filter (where i.type = 'QUALITY')::int as quality_inspections,
        count(*) filter (where i.type = 'SAFETY')::int as safety_inspections,
        coalesce(sum(i.problem_count), 0)::int as problems,
        coalesce(sum(p.l1), 0)::int as hazards_level_1,
        coalesce(sum(p.l2), 0)::int as hazards_level_2,
        coalesce(sum(p.l3), 0)::int as hazards_level_3,
        coalesce(sum(p.l4), 0)::int as hazards_level_4,
        count(*) filter (where o.sort_order >= 3)::int as stop_orders,
        coalesce(sum(i.open_count), 0)::int as open_rectifications,
        coalesce(sum(p.overdue), 0)::int as overdue_rectifications
      from ${S}.inspection i
      join ${S}.inspection_outcome o on o.code = i.outcome
      left join lateral (
        select count(*) filter (where risk_level = 1) l1, count(*) filter (where risk_level = 2) l2,
               count(*) filter (where risk_level = 3) l3, count(*) filter (where risk_level = 4) l4,
               count(*) filter (where rectification_status = 'OVERDUE'
                 or (rectification_status = 'NOT_RECTIFIED' and deadline < (select d from today))) overdue
          from ${S}.problem where inspection_id = i.id) p on true
      where i.project_id is not null
      group by i.project_id, i.district_code, i.inspected_on`);

    for (const sql of exchangeMigrationSql('supervision').up) this.addSql(sql);
    for (const sql of exchangeHandledMigrationSql('supervision').up) this.addSql(sql);
    for (const sql of exchangeLastRunIndexSql('supervision').up) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of exchangeLastRunIndexSql('supervision').down) this.addSql(sql);
    for (const sql of exchangeHandledMigrationSql('supervision').down) this.addSql(sql);
    for (const sql of exchangeMigrationSql('supervision').down) this.addSql(sql);
    this.addSql(`drop view if exists ${S}.inspection_metrics_v`);
    for (const t of ['problem', 'inspection', 'project_ref', 'inspection_outcome', 'hazard_level'])
      this.addSql(`drop table if exists ${S}.${t}`);
  }
}
