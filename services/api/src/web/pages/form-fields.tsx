/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { words } from '../format.js';

/**
 * The workbench forms' fields: a label for every control, the server's errors and warnings beside
 * their field (named by `aria-describedby`, the field marked `aria-invalid`).
 */

/** Messages for the form's fields, by field name. */
export interface FieldMessages {
  errors: Map<string, string[]>;
  warnings: Map<string, string[]>;
}

export const idOf = (name: string): string => name.replace(/[^A-Za-z0-9]+/g, '-');

export function Messages({ name, m }: { name: string; m: FieldMessages }) {
  const errors = m.errors.get(name) ?? [];
  const warnings = m.warnings.get(name) ?? [];
  if (errors.length + warnings.length === 0) return null;
  return (
    <div id={`msg-${idOf(name)}`}>
      {errors.map((e) => (
        <p class="error">{e}</p>
      ))}
      {warnings.map((w) => (
        <p class="warning">{w}</p>
      ))}
    </div>
  );
}

export function described(name: string, m: FieldMessages) {
  const bad = m.errors.has(name);
  const any = bad || m.warnings.has(name);
  return { 'aria-invalid': bad ? 'true' : undefined, 'aria-describedby': any ? `msg-${idOf(name)}` : undefined };
}

export interface TextProps {
  name: string;
  label: string;
  value: string;
  m: FieldMessages;
  type?: string;
  required?: boolean;
  suggest?: 'actors' | 'incidents';
  placeholder?: string;
  hint?: string;
  wide?: boolean;
}

export function TextField({ name, label, value, m, type = 'text', required, suggest, placeholder, hint }: TextProps) {
  const id = idOf(name);
  return (
    <div class={suggest ? 'field combo' : 'field'}>
      <label for={id}>
        {label}
        {required ? ' (required)' : ''}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        required={required}
        autocomplete="off"
        list={suggest === 'actors' ? 'actor-names' : undefined}
        data-suggest={suggest}
        {...described(name, m)}
      />
      {hint ? <p class="interval">{hint}</p> : null}
      <Messages name={name} m={m} />
    </div>
  );
}

export function Select({ name, label, value, options, m, blank }: { name: string; label: string; value: string; options: readonly string[]; m: FieldMessages; blank?: string }) {
  const id = idOf(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name} {...described(name, m)}>
        {blank !== undefined ? (
          <option value="" selected={value === ''}>
            {blank}
          </option>
        ) : null}
        {options.map((o) => (
          <option value={o} selected={o === value}>
            {words(o)}
          </option>
        ))}
      </select>
      <Messages name={name} m={m} />
    </div>
  );
}
