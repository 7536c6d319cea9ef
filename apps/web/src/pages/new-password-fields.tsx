import { otasErrorMessages } from "@otas/client";
import type { FormFailure } from "../components/form-failure.js";
import { TextField } from "../components/text-field.js";

/** The message when the two passwords differ (checked here: the API takes one password). */
export const PASSWORDS_DIFFER = "The two passwords are not the same.";

/** A new password, typed twice. */
export function NewPasswordFields({ failure }: { failure: FormFailure }) {
  return (
    <>
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={otasErrorMessages.password_too_short}
        error={failure.fields.password}
      />
      <TextField
        name="confirm_password"
        label="New password, again"
        type="password"
        autoComplete="new-password"
        error={failure.fields.confirm_password}
      />
    </>
  );
}

/** The password, or a failure naming the second field when the two differ. */
export function checkedPassword(data: FormData): { password: string } | FormFailure {
  const password = data.get("password");
  if (typeof password === "string" && password === data.get("confirm_password"))
    return { password };
  return { fields: { confirm_password: PASSWORDS_DIFFER }, form: undefined };
}
