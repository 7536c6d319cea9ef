import { otasErrorFields, otasErrorMessage } from "@otas/client";
import { useMemo } from "react";

/** What a form shows for a failure: a message at each field it names, or one above the form. */
export interface FormFailure {
  fields: Partial<Record<string, string>>;
  form: string | undefined;
}

export const NO_FAILURE: FormFailure = { fields: {}, form: undefined };

/**
 * Places `error` (a failed call, or nothing) on a form with `formFields`: the client's message
 * for its code beside each field the API says it is about, or above the form when it names
 * none of them (a wrong password, a network failure).
 */
export function formFailure(error: unknown, formFields: readonly string[]): FormFailure {
  if (error === null || error === undefined) return NO_FAILURE;
  const message = otasErrorMessage(error);
  const named = otasErrorFields(error).filter((field) => formFields.includes(field));
  if (named.length === 0) return { fields: {}, form: message };
  return { fields: Object.fromEntries(named.map((field) => [field, message])), form: undefined };
}

/** {@link formFailure}, the same object for as long as `error` is the same failure. */
export function useFormFailure(error: unknown, formFields: readonly string[]): FormFailure {
  // A form's fields do not change: the failure follows the error alone.
  return useMemo(() => formFailure(error, formFields), [error]);
}

/** A form field's value as text (`""` when absent). */
export function textOf(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
