import { Migration } from '@mikro-orm/migrations';

/**
 * Person photos and labour-contract scans (1.2.1) as files: `stored_file` records what the content
 * check found for each file kept under DATA_DIR/files by its SHA-256, and the foreign keys make it
 * impossible for a person or an assignment to refer to a file that was never uploaded here.
 */
export class Migration20261124210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "workforce"."stored_file" (
      "sha256" varchar(64) not null,
      "mime_type" varchar(100) not null,
      "byte_size" int not null,
      "width" int null,
      "height" int null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      constraint "stored_file_pkey" primary key ("sha256"));`);
    this.addSql(`alter table "workforce"."person" add constraint "person_photo_sha256_foreign"
      foreign key ("photo_sha256") references "workforce"."stored_file" ("sha256") on update cascade;`);
    this.addSql(`alter table "workforce"."employment" add constraint "employment_contract_file_sha256_foreign"
      foreign key ("contract_file_sha256") references "workforce"."stored_file" ("sha256") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "workforce"."employment" drop constraint "employment_contract_file_sha256_foreign";`);
    this.addSql(`alter table "workforce"."person" drop constraint "person_photo_sha256_foreign";`);
    this.addSql(`drop table "workforce"."stored_file";`);
  }
}
