import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { UnitRole } from './project.enums.js';
import { Project } from './project.entity.js';

/**
 * A participating unit (参建单位) of a project: which enterprise, in which role (3.1.1). A role may
 * hold more than one enterprise (a 联合体), but the same enterprise is listed once per role.
 */
@Entity({ tableName: 'project_unit' })
@Unique({ name: 'project_unit_project_role_enterprise_key', properties: ['project', 'role', 'enterprise'] })
@Index({ name: 'project_unit_enterprise_role_idx', properties: ['enterprise', 'role'] })
@Index({ name: 'project_unit_role_project_id_idx', properties: ['role', 'project'] })
@ObjectType('ProjectUnit', { description: '参建单位' })
export class ProjectUnit {
  [OptionalProps]?: 'projectLeader' | 'position';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** GraphQL `project` is a field resolver (scoped loader). */
  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  /** GraphQL `enterprise` is a field resolver (DataLoader). */
  @ManyToOne(() => Enterprise, { deleteRule: 'no action' })
  enterprise!: Enterprise;

  @Field(() => UnitRole, { description: '单位类型' })
  @Enum({ items: () => UnitRole })
  role!: UnitRole;

  @Field(() => String, { nullable: true, description: '项目负责人姓名' })
  @Property({ type: 'string', length: 50, nullable: true })
  projectLeader: string | null = null;

  @Field(() => Int, { description: '同类单位中的排列顺序' })
  @Property({ type: 'smallint' })
  position: number = 0;
}
