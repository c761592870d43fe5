import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { Arg, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildFederatedSchema, MultiLine } from '../src/index.js';

/**
 * The root text guard (issue #10) on a schema of its own: it refuses before any resolver runs,
 * wherever the text is in the operation (fragments, nested fields' arguments), and `@MultiLine`
 * decides which fields take line breaks.
 */
const calls: string[] = [];

@InputType('GuardNoteInput')
class NoteInput {
  @Field(() => String)
  title!: string;

  @MultiLine()
  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@ObjectType('GuardNote')
class Note {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  excerpt(@Arg('suffix', () => String) suffix: string): string {
    calls.push('excerpt');
    return `${this.title}${suffix}`;
  }
}

@Resolver()
class NoteResolver {
  @Query(() => Note)
  note(): Note {
    calls.push('note');
    return Object.assign(new Note(), { title: '说明' });
  }

  @Mutation(() => Note)
  saveNote(@Arg('input', () => NoteInput) input: NoteInput): Note {
    calls.push('saveNote');
    return Object.assign(new Note(), { title: input.title });
  }

  @MultiLine('text')
  @Mutation(() => String)
  comment(@Arg('text', () => String) text: string, @Arg('author', () => String) author: string): string {
    calls.push('comment');
    return `${author}: ${text}`;
  }
}

const schema = await buildFederatedSchema({ resolvers: [NoteResolver] });

async function run(document: string, variableValues?: Record<string, unknown>) {
  calls.length = 0;
  const result = await execute({ schema, document: parse(document), variableValues, contextValue: {} });
  return { result, calls: [...calls] };
}

describe('the root text guard', () => {
  it('refuses an argument of a nested field inside a fragment before the root resolver runs', async () => {
    const { result, calls } = await run(
      'query($s: String!) { note { ...N } } fragment N on GuardNote { excerpt(suffix: $s) }',
      { s: '\u0007' },
    );
    expect(calls).toEqual([]);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suffix' });
    expect(result.errors?.[0].message).toBe('输入项「suffix」含有不可见的控制字符（U+0007），请删除后重试');
  });

  it('lets a multi-line input field and argument take line breaks, and no other', async () => {
    const ok = await run('mutation { saveNote(input: { title: "标题", body: "第一行\\n\\t第二行" }) { title } }');
    expect(ok.result.errors).toBeUndefined();
    expect(ok.calls).toEqual(['saveNote']);
    expect((await run('mutation { comment(text: "一\\r\\n二", author: "王") }')).result.errors).toBeUndefined();

    const refused = await run('mutation { comment(text: "一", author: "王\\n") }');
    expect(refused.calls).toEqual([]);
    expect(refused.result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'author' });
    const title = await run('mutation($i: GuardNoteInput!) { saveNote(input: $i) { title } }', {
      i: { title: '标题\n', body: '正文' },
    });
    expect(title.result.errors?.[0].extensions?.field).toBe('input.title');
  });

  it('checks lists and every root field of the operation, and refuses once for all of them', async () => {
    const { result, calls } = await run(
      'mutation($i: GuardNoteInput!) { a: saveNote(input: { title: "甲" }) { title } b: saveNote(input: $i) { title } }',
      { i: { title: '乙', tags: ['好', 'x\udbff'] } },
    );
    expect(calls).toEqual([]);
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions?.field).toBe('input.tags[1]');
  });
});
