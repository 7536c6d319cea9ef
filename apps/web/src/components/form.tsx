import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";
import type { FormFailure } from "./form-failure.js";

/**
 * A form that submits its data without the browser's own validation bubbles (the API's answers,
 * in the client's words, are the messages), shows `pending` on its button, and moves the focus
 * to what a failure is about: the first field in error, or the message above the form.
 */
export function Form({
  label,
  submitLabel,
  pendingLabel,
  pending,
  failure,
  onSubmit,
  children,
}: {
  label: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  failure: FormFailure;
  onSubmit: (data: FormData, form: HTMLFormElement) => void;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const alertId = useId();
  useEffect(() => {
    if (failure.form === undefined && Object.keys(failure.fields).length === 0) return;
    const target =
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      document.getElementById(alertId);
    target?.focus();
  }, [failure, alertId]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) onSubmit(new FormData(event.currentTarget), event.currentTarget);
  };
  return (
    <form ref={form} aria-label={label} noValidate onSubmit={submit} aria-busy={pending}>
      {failure.form && (
        <div className="form-error" role="alert" id={alertId} tabIndex={-1}>
          {failure.form}
        </div>
      )}
      {children}
      <button type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
