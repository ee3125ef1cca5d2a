/**
 * The one way SQL text meets values, for the server's store and the client's
 * local store alike: a tagged template that turns every interpolation into a
 * bound `?` parameter (the Signal Desktop way). Values are never concatenated
 * into SQL; only other fragments are spliced in. Here in shared/ because both
 * stores use SQLite; it has no dependencies (Node's Buffer is a Uint8Array).
 */
export type SqlValue = string | number | bigint | Uint8Array | null;

export class SqlFragment {
  constructor(
    readonly text: string,
    readonly params: readonly SqlValue[],
  ) {}
}

/**
 * The text of a template without nested fragments, computed once per call site.
 * Returning the same string object every time lets V8 reuse its hash, so the
 * prepared-statement cache lookup stays O(1) on hot paths.
 */
const plainTexts = new WeakMap<TemplateStringsArray, string>();

export function sql(strings: TemplateStringsArray, ...values: ReadonlyArray<SqlValue | SqlFragment>): SqlFragment {
  if (!values.some((value) => value instanceof SqlFragment)) {
    let text = plainTexts.get(strings);
    if (text === undefined) {
      text = strings.join('?');
      plainTexts.set(strings, text);
    }
    return new SqlFragment(text, values as readonly SqlValue[]);
  }
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((value, index) => {
    if (value instanceof SqlFragment) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[index + 1] ?? '';
  });
  return new SqlFragment(text, params);
}

export function sqlJoin(fragments: readonly SqlFragment[], separator = ', '): SqlFragment {
  return new SqlFragment(
    fragments.map((f) => f.text).join(separator),
    fragments.flatMap((f) => f.params),
  );
}

/** `(?, ?, ?)` for an IN list; an empty list becomes `(NULL)`, which matches nothing. */
export function sqlList(values: readonly SqlValue[]): SqlFragment {
  if (values.length === 0) return new SqlFragment('(NULL)', []);
  return new SqlFragment(`(${values.map(() => '?').join(', ')})`, values);
}
