import {
  defaultFieldResolver,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  type SelectionSetNode,
} from 'graphql';
import { Extensions } from 'type-graphql';
import { AppError, ErrorCode } from './errors.js';
import { findForbiddenCharacter, forbiddenCharacterMessage, type TextKind } from './validators/text.js';

/**
 * The root text guard (issue #10): before any resolver of an operation runs, every String/ID
 * argument and input field of the whole operation — nested inputs, lists, JSON scalars, inline
 * literals and variables alike, as GraphQL coerced them — is checked against the kit's text rule
 * (validators/text.ts). A new field of a future module is covered without doing anything; fields
 * that take several lines say so with {@link MultiLine}, every other one is single-line.
 */

const MULTILINE = 'hsMultiLine';
const MULTILINE_ARGS = 'hsMultiLineArgs';

/**
 * Marks text that may span lines (tab, line feed and carriage return allowed). On an input field:
 * `@MultiLine() @Field() note`; on a resolver method, the names of its multi-line arguments:
 * `@MultiLine('note') @Mutation() publish(@Arg('note') note: string)`.
 */
export function MultiLine(...args: string[]): ReturnType<typeof Extensions> {
  return Extensions(args.length > 0 ? { [MULTILINE_ARGS]: args } : { [MULTILINE]: true });
}

/** "Type.field" of multi-line input fields and "Type.field(arg)" of multi-line arguments, read from a type-graphql schema. */
export function multiLineCoordinates(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (field.extensions?.[MULTILINE]) coordinates.add(`${type.name}.${field.name}`);
    } else if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const args = field.extensions?.[MULTILINE_ARGS];
        if (Array.isArray(args)) for (const arg of args) coordinates.add(`${type.name}.${field.name}(${arg})`);
      }
    }
  }
  return coordinates;
}

interface Refusal {
  path: string;
  char: string;
}

function checkValue(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  kind: TextKind,
  multiline: Set<string>,
): Refusal | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path, kind, multiline);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, path, kind, multiline);
    for (const [i, item] of value.entries()) {
      const refusal = checkValue(item, type.ofType, `${path}[${i}]`, kind, multiline);
      if (refusal) return refusal;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const fieldKind = multiline.has(`${type.name}.${field.name}`) ? 'multiline' : 'line';
      const refusal = checkValue(
        (value as Record<string, unknown>)[field.name],
        field.type,
        `${path}.${field.name}`,
        fieldKind,
        multiline,
      );
      if (refusal) return refusal;
    }
    return null;
  }
  if (isEnumType(type)) return null;
  if (typeof value === 'string') {
    const char = findForbiddenCharacter(value, kind);
    return char === null ? null : { path, char };
  }
  // Custom scalars (JSON, GeoJSON, federation's _Any): every key and string inside, as multi-line text.
  return checkJson(value, path);
}

function checkJson(value: unknown, path: string): Refusal | null {
  if (typeof value === 'string') {
    const char = findForbiddenCharacter(value, 'multiline');
    return char === null ? null : { path, char };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const refusal = checkJson(item, `${path}[${i}]`);
      if (refusal) return refusal;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const char = findForbiddenCharacter(key, 'line');
      if (char !== null) return { path: `${path}.${key}`, char };
      const refusal = checkJson(item, `${path}.${key}`);
      if (refusal) return refusal;
    }
  }
  return null;
}

function checkSelections(
  schema: GraphQLSchema,
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  info: GraphQLResolveInfo,
  multiline: Set<string>,
  seen: Set<string>,
): Refusal | null {
  for (const selection of selectionSet.selections) {
    let refusal: Refusal | null = null;
    if (selection.kind === 'Field') {
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue; // __typename and introspection
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, selection, info.variableValues);
      } catch {
        continue; // execution reports the coercion error itself
      }
      for (const arg of field.args) {
        const kind = multiline.has(`${parent.name}.${field.name}(${arg.name})`) ? 'multiline' : 'line';
        refusal = checkValue(args[arg.name], arg.type, arg.name, kind, multiline);
        if (refusal) return refusal;
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type))
        refusal = checkSelections(schema, type, selection.selectionSet, info, multiline, seen);
    } else if (selection.kind === 'InlineFragment') {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      if (type) refusal = checkSelections(schema, type, selection.selectionSet, info, multiline, seen);
    } else {
      const name = selection.name.value;
      const fragment: FragmentDefinitionNode | undefined = info.fragments[name];
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      const type = schema.getType(fragment.typeCondition.name.value);
      if (type) refusal = checkSelections(schema, type, fragment.selectionSet, info, multiline, seen);
    }
    if (refusal) return refusal;
  }
  return null;
}

/** The refusal of an operation, computed once per execution (its coerced variables are a fresh object each time). */
const verdicts = new WeakMap<object, AppError | null>();

function guardOperation(info: GraphQLResolveInfo, multiline: Set<string>): void {
  let verdict = verdicts.get(info.variableValues);
  if (verdict === undefined) {
    const refusal = checkSelections(
      info.schema,
      info.parentType,
      info.operation.selectionSet,
      info,
      multiline,
      new Set(),
    );
    verdict = refusal
      ? new AppError(ErrorCode.BAD_USER_INPUT, forbiddenCharacterMessage(`输入项「${refusal.path}」`, refusal.char), {
          field: refusal.path,
        })
      : null;
    verdicts.set(info.variableValues, verdict);
  }
  if (verdict) throw verdict;
}

/** Wraps every root field (and subscription source) of `schema` so the guard runs before it. */
export function guardTextInputs(schema: GraphQLSchema, multiline: Set<string>): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        guardOperation(info, multiline);
        return resolve(source, args, context, info);
      };
      const subscribe = field.subscribe;
      if (subscribe)
        field.subscribe = (source, args, context, info) => {
          guardOperation(info, multiline);
          return subscribe(source, args, context, info);
        };
    }
  }
  return schema;
}
