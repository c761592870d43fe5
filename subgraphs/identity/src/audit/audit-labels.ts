import { OPERATION_LABELS } from '@hs/labels';

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const uncapitalised = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * The operation names a search for `keyword` means: those whose Chinese name contains it, and the
 * keyword itself as an operation name — each as a field name (createUser) and as the admin names its
 * operations (CreateUser), so that the search is an index lookup instead of a scan of the log. An
 * operation sent without a name (scripts) is not found this way: matching the called fields as well
 * would need an array index the planner misjudges, and a scan of the whole log for a rare operation.
 */
export function operationNamesMatching(keyword: string): string[] {
  const names = new Set<string>([keyword, capitalised(keyword), uncapitalised(keyword)]);
  for (const [name, label] of Object.entries(OPERATION_LABELS)) {
    if (!label.includes(keyword)) continue;
    names.add(name);
    if (!name.includes('.')) names.add(capitalised(name));
  }
  return [...names];
}
