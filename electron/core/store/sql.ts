/**
 * A tagged template that keeps values out of the SQL text: every `${value}`
 * becomes a `?` parameter, so nothing is ever concatenated into a query.
 * Nested `sql` fragments are spliced in with their own parameters.
 */
export type SqlValue = string | number | bigint | Buffer | null;

export interface SqlQuery {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

const FRAGMENT = Symbol('sql fragment');
export interface SqlFragment extends SqlQuery {
  readonly [FRAGMENT]: true;
}

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && FRAGMENT in value;
}

export function sql(strings: TemplateStringsArray, ...values: ReadonlyArray<SqlValue | SqlFragment>): SqlFragment {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((value, index) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1] ?? '';
  });
  return { text, params, [FRAGMENT]: true };
}

/** Joins fragments with a separator, e.g. `sqlJoin(conditions, sql` AND `)`. */
export function sqlJoin(fragments: readonly SqlFragment[], separator: SqlFragment): SqlFragment {
  let text = '';
  const params: SqlValue[] = [];
  fragments.forEach((fragment, index) => {
    if (index > 0) {
      text += separator.text;
      params.push(...separator.params);
    }
    text += fragment.text;
    params.push(...fragment.params);
  });
  return { text, params, [FRAGMENT]: true };
}
