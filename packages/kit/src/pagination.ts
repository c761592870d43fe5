import { Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;

@InputType({ description: '分页参数' })
export class PageInput {
  @Field(() => Int, { defaultValue: 1, description: '页码，从 1 开始' })
  page: number = 1;

  @Field(() => Int, { defaultValue: 20, description: `每页条数，最多 ${MAX_PAGE_SIZE}` })
  pageSize: number = 20;
}

export function pageWindow(input?: PageInput | null): {
  limit: number;
  offset: number;
  page: number;
  pageSize: number;
} {
  const page = input?.page ?? 1;
  const pageSize = input?.pageSize ?? 20;
  if (!Number.isInteger(page) || page < 1) throw badInput('页码必须是大于 0 的整数', 'page');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw badInput(`每页条数必须在 1 到 ${MAX_PAGE_SIZE} 之间`, 'pageSize');
  }
  return { limit: pageSize, offset: (page - 1) * pageSize, page, pageSize };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A paged list type for `T`, named `<Name>Page` in the schema. */
export function PageOf<T extends object>(item: ClassType<T>, name = item.name) {
  @ObjectType(`${name}Page`, { description: `${name} 分页结果` })
  abstract class PageClass implements Page<T> {
    @Field(() => [item])
    items: T[];

    @Field(() => Int, { description: '符合条件的总条数' })
    total: number;

    @Field(() => Int)
    page: number;

    @Field(() => Int)
    pageSize: number;
  }
  return PageClass;
}
