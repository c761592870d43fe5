import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { FilterForm, FilterValue, ListFilter, Sort } from './types';

/**
 * A list's state in the URL query: its filters under their GraphQL filter field names, then
 * `page`, `pageSize`, `sort` and `direction`. Read on load (a bookmark, a shared link, a link from
 * the home page); anything unknown or malformed is dropped, never an error.
 */
export interface ListState {
  form: FilterForm;
  page: number;
  pageSize: number;
  sort: Sort | null;
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE = 100_000;
const MAX_VALUE_LENGTH = 200;

/** URL values of id and district-code filters: anything else is ignored. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DISTRICT_CODE = /^\d{6}$/;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The form keys of one filter: one, or a range's two ends. */
export const keysOf = (filter: ListFilter): readonly string[] =>
  filter.kind === 'daterange' || filter.kind === 'datetimerange' ? filter.keys : [filter.key];

/** The form with nothing filtered, except required ranges at their defaults. */
export function initialForm(filters: readonly ListFilter[]): FilterForm {
  const form: FilterForm = {};
  for (const filter of filters) {
    if (filter.kind === 'daterange' || filter.kind === 'datetimerange') {
      const [from, to] = filter.defaults?.() ?? ['', ''];
      form[filter.keys[0]] = from;
      form[filter.keys[1]] = to;
    } else form[filter.key] = '';
  }
  return form;
}

function single(value: LocationQuery[string] | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VALUE_LENGTH) return null;
  return value;
}

function parseValue(filter: ListFilter, raw: string): FilterValue | undefined {
  switch (filter.kind) {
    case 'checkbox':
      return raw === 'true' ? true : undefined;
    case 'date':
    case 'daterange':
      return DATE.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
    case 'datetimerange':
      return DATE_TIME.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
    case 'select': {
      if (filter.values) {
        const match = filter.values.find((v) => String(v) === raw);
        return match === undefined ? undefined : match;
      }
      return !filter.pattern || filter.pattern.test(raw) ? raw : undefined;
    }
    case 'text':
    case 'custom':
      return !filter.pattern || filter.pattern.test(raw) ? raw : undefined;
  }
}

export function stateFromQuery(
  filters: readonly ListFilter[],
  sortFields: readonly string[],
  query: LocationQuery,
): ListState {
  const form = initialForm(filters);
  for (const filter of filters) {
    const keys = keysOf(filter);
    const values = keys.map((key) => {
      const raw = single(query[key]);
      return raw === null ? undefined : parseValue(filter, raw);
    });
    // A range comes whole or not at all (its defaults stay), and never backwards.
    if (keys.length === 2) {
      const [from, to] = values;
      if (typeof from === 'string' && typeof to === 'string' && Date.parse(from) <= Date.parse(to)) {
        form[keys[0]] = from;
        form[keys[1]] = to;
      }
    } else if (values[0] !== undefined) form[keys[0]] = values[0];
  }
  const page = Number(single(query.page));
  const pageSize = Number(single(query.pageSize));
  const field = single(query.sort);
  const direction = single(query.direction);
  return {
    form,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: field && sortFields.includes(field) ? { field, direction: direction === 'DESC' ? 'DESC' : 'ASC' } : null,
  };
}

/** The URL query of a state: only what differs from the initial form and the defaults. */
export function queryFromState(filters: readonly ListFilter[], state: ListState): LocationQueryRaw {
  const initial = initialForm(filters);
  const query: Record<string, string> = {};
  for (const filter of filters) {
    for (const key of keysOf(filter)) {
      const value = state.form[key];
      const text = value === null || value === undefined ? '' : String(value).trim();
      if (value === initial[key] || text === '') continue;
      query[key] = text;
    }
  }
  if (state.page !== 1) query.page = String(state.page);
  if (state.pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = String(state.pageSize);
  if (state.sort) {
    query.sort = state.sort.field;
    query.direction = state.sort.direction;
  }
  return query;
}

/** The GraphQL filter of a form: empty text (an unchecked box is '') and null are "no filter". */
export function filterOf(form: FilterForm): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(form)) {
    if (typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/** Two queries are the same state (the order of keys does not matter). */
export function sameQuery(a: LocationQuery | LocationQueryRaw, b: LocationQuery | LocationQueryRaw): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (String(a[key] ?? '') !== String(b[key] ?? '')) return false;
  return true;
}
