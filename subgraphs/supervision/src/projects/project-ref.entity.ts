import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A replica of the projects subgraph's project codes, name and district (docs/adr/0016-supervision-inspections.md): pulled
 * inspections are linked by 项目代码 or 施工许可证编号 without calling another subgraph. Filled by the
 * seed and kept current from `projects.changed` events.
 */
@Entity({ tableName: 'project_ref' })
export class ProjectCodes {
  @PrimaryKey({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  projectCode: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  permitCode: string | null = null;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 6 })
  districtCode!: string;

  @Property({ type: 'timestamptz' })
  syncedAt: Date = new Date();
}
