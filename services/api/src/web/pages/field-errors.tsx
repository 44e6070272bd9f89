/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { FieldError } from '@recon/domain';

/** A claim's field errors as a list: the field's path, then why. */
export function FieldErrors({ errors }: { errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul>
      {errors.map((e) => (
        <li>
          <span class="id">{e.path}</span>: {e.message}
        </li>
      ))}
    </ul>
  );
}
