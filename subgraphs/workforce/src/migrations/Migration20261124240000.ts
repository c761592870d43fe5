import { Migration } from '@mikro-orm/migrations';

/**
 * Daily rollup of presence (4.3.2, 4.3.4): `presence_daily` holds, per day, project and district,
 * how many people attended (`days`) and how many of them on a key post (`key_days`), so attendance
 * rates over a year read ~110 k rollup rows instead of ~10 M presence rows.
 *
 * The database keeps it in step: statement-level AFTER INSERT / UPDATE / DELETE triggers on
 * presence read the statement's transition tables, aggregate them per (work_date, project_id,
 * district_code) and upsert the difference, one row per project and day per statement. Every writer
 * (device batches, phone check-ins, the seed's bulk SQL, the district move of a project) is covered
 * without knowing about it. The ingest upsert (`insert … on conflict … do update`) fires both the
 * INSERT trigger (rows inserted) and the UPDATE trigger (rows updated, e.g. a changed is_key_post).
 *
 * The district is part of the key because a project's presence rows can carry two districts for a
 * day: a batch that read the old district commits after the project moved to another one.
 * Transition tables are PostgreSQL 10+; see docs/ARCHITECTURE.md for openGauss / KingbaseES.
 */
export class Migration20261124240000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "workforce"."presence_daily" (
      "work_date" date not null,
      "project_id" uuid not null,
      "district_code" varchar(6) not null,
      "days" int not null,
      "key_days" int not null,
      constraint "presence_daily_pkey" primary key ("work_date", "project_id", "district_code"));`);
    // A district's staff filter by district, an enterprise's account by its projects.
    this.addSql(
      `create index "presence_daily_district_date_idx" on "workforce"."presence_daily" ("district_code", "work_date");`,
    );
    this.addSql(
      `create index "presence_daily_project_date_idx" on "workforce"."presence_daily" ("project_id", "work_date");`,
    );

    // One function for the three triggers: each branch reads only the transition tables its event has.
    // Upserts go in key order so concurrent statements lock rollup rows in the same order.
    this.addSql(`create or replace function "workforce"."presence_daily_apply"()
      returns trigger language plpgsql as $fn$
      declare
        changed int;
      begin
        if TG_OP = 'INSERT' then
          insert into workforce.presence_daily as d (work_date, project_id, district_code, days, key_days)
          select n.work_date, n.project_id, n.district_code, count(*), sum(case when n.is_key_post then 1 else 0 end)
            from presence_new n
           group by n.work_date, n.project_id, n.district_code
           order by n.work_date, n.project_id, n.district_code
          on conflict (work_date, project_id, district_code)
          do update set days = d.days + excluded.days, key_days = d.key_days + excluded.key_days;
          return null;
        end if;

        if TG_OP = 'UPDATE' then
          -- Most updates (on_site, last_at) cancel out and write nothing.
          insert into workforce.presence_daily as d (work_date, project_id, district_code, days, key_days)
          select c.work_date, c.project_id, c.district_code, sum(c.days), sum(c.key_days)
            from (select n.work_date, n.project_id, n.district_code, 1 as days,
                         case when n.is_key_post then 1 else 0 end as key_days
                    from presence_new n
                  union all
                  select o.work_date, o.project_id, o.district_code, -1,
                         case when o.is_key_post then -1 else 0 end
                    from presence_old o) c
           group by c.work_date, c.project_id, c.district_code
          having sum(c.days) <> 0 or sum(c.key_days) <> 0
           order by c.work_date, c.project_id, c.district_code
          on conflict (work_date, project_id, district_code)
          do update set days = d.days + excluded.days, key_days = d.key_days + excluded.key_days;
        else
          update workforce.presence_daily d
             set days = d.days - x.days, key_days = d.key_days - x.key_days
            from (select o.work_date, o.project_id, o.district_code, count(*) as days,
                         sum(case when o.is_key_post then 1 else 0 end) as key_days
                    from presence_old o
                   group by o.work_date, o.project_id, o.district_code) x
           where d.work_date = x.work_date and d.project_id = x.project_id and d.district_code = x.district_code;
        end if;
        get diagnostics changed = row_count;
        if changed > 0 then
          -- A day and project nobody attended any more has no row, as if it had never had one.
          delete from workforce.presence_daily d
           using (select distinct o.work_date, o.project_id, o.district_code from presence_old o) k
           where d.work_date = k.work_date and d.project_id = k.project_id and d.district_code = k.district_code
             and d.days = 0;
        end if;
        return null;
      end $fn$;`);
    this.addSql(`create trigger "presence_daily_on_insert" after insert on "workforce"."presence"
      referencing new table as presence_new
      for each statement execute function "workforce"."presence_daily_apply"();`);
    this.addSql(`create trigger "presence_daily_on_update" after update on "workforce"."presence"
      referencing old table as presence_old new table as presence_new
      for each statement execute function "workforce"."presence_daily_apply"();`);
    this.addSql(`create trigger "presence_daily_on_delete" after delete on "workforce"."presence"
      referencing old table as presence_old
      for each statement execute function "workforce"."presence_daily_apply"();`);
    this.addSql(`create or replace function "workforce"."presence_daily_clear"()
      returns trigger language plpgsql as $fn$
      begin
        truncate workforce.presence_daily;
        return null;
      end $fn$;`);
    this.addSql(`create trigger "presence_daily_on_truncate" after truncate on "workforce"."presence"
      for each statement execute function "workforce"."presence_daily_clear"();`);

    // After the triggers: creating them locked presence against writes until this migration commits,
    // so no row is counted twice or missed.
    this
      .addSql(`insert into "workforce"."presence_daily" ("work_date", "project_id", "district_code", "days", "key_days")
      select work_date, project_id, district_code, count(*), sum(case when is_key_post then 1 else 0 end)
        from "workforce"."presence"
       group by work_date, project_id, district_code;`);
  }

  override async down(): Promise<void> {
    for (const trigger of [
      'presence_daily_on_insert',
      'presence_daily_on_update',
      'presence_daily_on_delete',
      'presence_daily_on_truncate',
    ]) {
      this.addSql(`drop trigger if exists "${trigger}" on "workforce"."presence";`);
    }
    this.addSql(`drop function if exists "workforce"."presence_daily_apply"();`);
    this.addSql(`drop function if exists "workforce"."presence_daily_clear"();`);
    this.addSql(`drop table if exists "workforce"."presence_daily";`);
  }
}
