import type { InputHTMLAttributes } from "react";
import { useT, type MessageKey } from "../lib/i18n";

/** A labelled input with its error next to it (works without JavaScript). */
export function Field({
  name,
  label,
  error,
  hint,
  defaultValue,
  ...input
}: {
  name: string;
  label: MessageKey;
  error?: MessageKey;
  hint?: MessageKey;
  /** A submitted value put back (a repeated field's first value). */
  defaultValue?: string | string[];
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">) {
  const t = useT();
  const id = `f-${name}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{t(label)}</label>
      <input
        id={id}
        name={name}
        defaultValue={Array.isArray(defaultValue) ? defaultValue[0] : defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...input}
      />
      {hint && !error ? (
        <small id={`${id}-hint`} className="muted">
          {t(hint)}
        </small>
      ) : null}
      {error ? (
        <small id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </small>
      ) : null}
    </div>
  );
}

export function FormError({ error }: { error?: MessageKey }) {
  const t = useT();
  return error ? (
    <p className="notice error" role="alert">
      {t(error)}
    </p>
  ) : null;
}
