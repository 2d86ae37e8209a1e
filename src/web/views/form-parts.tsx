import { ComponentChildren } from 'preact';
import { FieldError } from '../../common/problem';

/** The form's state as the visitor left it: their values, and the messages of a refused query by field. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

export const errorFor = (state: FormState, field: string) => state.errors.filter((e) => e.field === field);

/** GOV.UK's pattern: a summary at the top whose links move focus to each field, and each message by its field. */
export function ErrorSummary({
  errors,
  fields,
  anchors = {},
}: {
  errors: FieldError[];
  fields: Set<string>;
  /** The control to move to for an error whose field has none of its own. */
  anchors?: Record<string, string>;
}) {
  if (!errors.length) {
    return null;
  }
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map((e) => (
          <li>{fields.has(e.field) ? <a href={`#${anchors[e.field] ?? e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  state: FormState;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
  class?: string;
}

/** A labelled field with its hint and its error messages, tied to the control by aria-describedby. */
export function Field({ name, label, hint, state, children, class: extra }: FieldProps) {
  const errors = errorFor(state, name);
  const ids = [hint ? `${name}-hint` : '', errors.length ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${errors.length ? ' field--error' : ''}${extra ? ` ${extra}` : ''}`}>
      <label class="field__label" for={name}>
        {label}
      </label>
      {hint && (
        <p class="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="field__error" id={`${name}-error`}>
          <span class="visually-hidden">Error: </span>
          {errors.map((e) => e.message).join('; ')}
        </p>
      )}
      {children(ids || undefined, errors.length > 0)}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A select that always shows the current value, even one the usual options do not list. */
export function Select({
  name,
  options,
  value,
  describedBy,
  invalid,
}: {
  name: string;
  options: Option[];
  value: string | undefined;
  describedBy?: string;
  invalid: boolean;
}) {
  const listed = value === undefined || options.some((o) => o.value === value);
  const all = listed ? options : [...options, { value: value, label: value }];
  return (
    <select id={name} name={name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
      {all.map((o) => (
        <option value={o.value} selected={o.value === (value ?? '')}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
