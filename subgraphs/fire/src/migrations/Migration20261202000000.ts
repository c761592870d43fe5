import { Migration } from '@mikro-orm/migrations';

/**
 * The demo data's text as typed (issue #10). Until then the kit's text cleaning applied NFKC to every
 * text, so the demo seed (which goes through the services) stored its Chinese punctuation as ASCII.
 * Of the fire seed's strings, NFKC changed exactly two (checked by comparing every string literal of
 * seed/ with its NFKC form): a result note and a plan signature's opinion. Each is restored by
 * mapping its known stored value back to the seed's original — exact, and unlike a rule for
 * "ASCII punctuation next to CJK" it cannot touch text a person typed that way on purpose.
 *
 * What is signed stays as signed: results whose inspection has a result signature
 * (`results_locked_at`, the guard of 1.3.7) and every signature row (append-only, hash-chained;
 * its content hash covers the opinion) keep the text the parties signed. Text people entered
 * through the API in that period cannot be restored in general (a "," may have been typed as one);
 * it stays as stored.
 */
const SEEDED: readonly (readonly [stored: string, typed: string])[] = [
  ['现场与设计文件不符,需整改', '现场与设计文件不符，需整改'],
];

export class Migration20261202000000 extends Migration {
  override async up(): Promise<void> {
    const knex = this.getKnex();
    for (const [stored, typed] of SEEDED) {
      this.addSql(
        knex.raw(
          `update "fire"."inspection_result" as r set "note" = ? where r."note" = ?
             and not exists (select 1 from "fire"."inspection" as i where i."id" = r."inspection_id" and i."results_locked_at" is not null)`,
          [typed, stored],
        ),
      );
    }
  }

  /** Nothing to undo: the typed form is what the seed always meant. */
  override async down(): Promise<void> {}
}
