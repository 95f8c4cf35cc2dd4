// A form in a card: its heading (which names the form for assistive technology), an
// optional hint, the form's error, its fields and one submit button, disabled while the
// request is on its way. The case director's controls are four of these.
import type { FormEvent, ReactNode } from "react";
import { FormError } from "./FormError";

interface Props {
  /** Prefix of the heading's id (`<id>-title`) and the submit button's test id (`<id>-submit`). */
  id: string;
  title: string;
  hint?: string;
  error: string | null | undefined;
  onSubmit(): Promise<void>;
  submitLabel: string;
  pending: boolean;
  /** The button's look: "primary", "danger" or plain. */
  tone?: "primary" | "danger";
  /** Fields and button on one line (a single short field). */
  inline?: boolean;
  children: ReactNode;
}

export function FormCard({ id, title, hint, error, onSubmit, submitLabel, pending, tone, inline = false, children }: Props) {
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void onSubmit();
  };
  const button = (
    <button type="submit" className={tone ? `button button-${tone}` : "button"} data-testid={`${id}-submit`} disabled={pending}>
      {submitLabel}
    </button>
  );
  return (
    <form className="form card card-padded" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {hint ? <p className="muted small">{hint}</p> : null}
      <FormError message={error} />
      {inline ? (
        <div className="inline-form">
          {children}
          {button}
        </div>
      ) : (
        <>
          {children}
          <div className="form-actions">{button}</div>
        </>
      )}
    </form>
  );
}
