import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isInputObjectType,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { createRequire } from 'node:module';
import type * as QueryComplexity from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@hs/kit';

// graphql-query-complexity's ESM build imports 'graphql/index.mjs' while Apollo (and so the
// schemas we validate against) use graphql's CommonJS build: two graphql instances, whose
// `instanceof` checks silently fail and make every cost 0. Its CommonJS build shares ours.
const { createComplexityRule, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof QueryComplexity;

/** Request limits (需求: 等级保护 — resource control). All are per router process. */
export interface Limits {
  /** Deepest field nesting an operation may have (introspection fields are not counted). */
  maxDepth: number;
  /** Highest estimated cost; a field costs 1 plus its children, times its page size when it has one. */
  maxCost: number;
  /** Largest HTTP request body, in bytes (also the largest WebSocket message). */
  maxBodyBytes: number;
  /** Largest file a signed upload URL may carry; each subgraph has its own, smaller limit per purpose. */
  maxUploadBytes: number;
  /** Requests per minute per signed-in user. */
  ratePerMinutePerUser: number;
  /** Requests per minute per client address. */
  ratePerMinutePerIp: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxDepth: 12,
  maxCost: 5000,
  maxBodyBytes: 1024 * 1024,
  maxUploadBytes: 10 * 1024 * 1024,
  ratePerMinutePerUser: 600,
  ratePerMinutePerIp: 1200,
});

/** Tokens a document may have before parsing stops (cheap protection against giant documents). */
export const MAX_TOKENS = 20_000;

export function resolveLimits(partial?: Partial<Limits>): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(partial ?? {}) as [keyof Limits, number | undefined][]) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`limits.${key} must be a positive number, got ${value}`);
    limits[key] = value;
  }
  return limits;
}

export const LIMIT_CODES = new Set<string>([ErrorCode.QUERY_TOO_DEEP, ErrorCode.QUERY_TOO_COMPLEX]);

// ---------------------------------------------------------------------------------------------
// Depth

/** Depth of a selection set: root fields are depth 1; fields named `__*` (introspection) are skipped. */
export function selectionDepth(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (set: SelectionSetNode): number => {
    let max = 0;
    for (const selection of set.selections) {
      let depth = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = depthOf(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue; // unknown or cyclic: graphql's own rules report it
        if (!memo.has(name)) {
          visiting.add(name);
          memo.set(name, depthOf(fragment.selectionSet));
          visiting.delete(name);
        }
        depth = memo.get(name)!;
      }
      if (depth > max) max = depth;
    }
    return max;
  };
  return depthOf(selectionSet);
}

export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context) => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const depth = selectionDepth(definition.selectionSet, fragments);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`查询嵌套层级为 ${depth} 层，超过上限 ${maxDepth} 层，请精简查询`, {
              nodes: [definition],
              extensions: { code: ErrorCode.QUERY_TOO_DEEP, details: { depth, maxDepth } },
            }),
          );
        }
      }
      return false;
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Cost

const SIZE_ARGUMENTS = ['pageSize', 'first', 'limit'] as const;

const isSize = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The page size a field was asked for: a `pageSize` / `first` / `limit` argument, or the same
 * name one level down in an input object (the kit's `page: { page, pageSize }`).
 */
export function requestedSize(args: Record<string, unknown>): number | undefined {
  for (const name of SIZE_ARGUMENTS) if (isSize(args[name])) return args[name];
  for (const value of Object.values(args)) {
    if (!isPlainObject(value)) continue;
    for (const name of SIZE_ARGUMENTS) if (isSize(value[name])) return value[name];
  }
  return undefined;
}

/** The page size a field returns when the client does not say: the schema's default for that argument. */
export function defaultSize(field: GraphQLField<unknown, unknown>): number | undefined {
  for (const arg of field.args) {
    if ((SIZE_ARGUMENTS as readonly string[]).includes(arg.name) && isSize(arg.defaultValue)) return arg.defaultValue;
    const type = getNamedType(arg.type);
    if (!isInputObjectType(type)) continue;
    const fields = type.getFields();
    for (const name of SIZE_ARGUMENTS) {
      const inner = fields[name];
      if (inner && isSize(inner.defaultValue)) return inner.defaultValue;
    }
  }
  return undefined;
}

/** A field with a page size costs 1 + size × (cost of one item); other fields fall through. */
export const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const size = requestedSize(args ?? {}) ?? defaultSize(field);
  if (size === undefined) return undefined;
  return 1 + childComplexity * size;
};

export function costLimitRule(
  maxCost: number,
  options: { variables?: Record<string, unknown> | null; operationName?: string | null } = {},
): ValidationRule {
  return createComplexityRule({
    maximumComplexity: maxCost,
    variables: options.variables ?? {},
    operationName: options.operationName ?? undefined,
    estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    createError: (max, actual) =>
      new GraphQLError(`查询复杂度估算为 ${actual}，超过上限 ${max}，请减少字段或每页条数`, {
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, details: { cost: actual, maxCost: max } },
      }),
  }) as unknown as ValidationRule;
}

/**
 * Depth and cost errors for one operation (cost needs the variables, so this runs per request,
 * after graphql's own validation). Errors of other kinds (e.g. bad variables) are left to the
 * normal pipeline, which reports them with their own codes.
 */
export function operationLimitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: { operationName?: string | null; variables?: Record<string, unknown> | null },
  limits: Pick<Limits, 'maxDepth' | 'maxCost'>,
): GraphQLError[] {
  let errors: readonly GraphQLError[];
  try {
    errors = validate(schema, document, [
      depthLimitRule(limits.maxDepth),
      costLimitRule(limits.maxCost, { variables: request.variables, operationName: request.operationName }),
    ]);
  } catch {
    // The complexity walk gives up on documents with too many nodes (10 000) by throwing.
    return [
      new GraphQLError('查询过于复杂，请减少字段或拆分查询', {
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, details: { maxCost: limits.maxCost } },
      }),
    ];
  }
  return errors.filter((e) => LIMIT_CODES.has(e.extensions?.code as string));
}

/** Apollo Server plugin applying the depth and cost limits with HTTP status 400. */
export function limitsPlugin<T extends object>(limits: Pick<Limits, 'maxDepth' | 'maxCost'>): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const errors = operationLimitErrors(
            rc.schema,
            rc.document,
            { operationName: rc.operationName, variables: rc.request.variables },
            limits,
          );
          if (errors.length === 0) return;
          const first = errors[0];
          throw new GraphQLError(first.message, {
            nodes: first.nodes,
            extensions: { ...first.extensions, http: { status: 400 } },
          });
        },
      };
    },
  };
}
