import type { OtasUser } from "@otas/client";
import { type FormFailure, textOf } from "../components/form-failure.js";
import { TextField } from "../components/text-field.js";

/** The names of a user, as sign-up and the profile take them (no middle name: `null`). */
export function namesOf(data: FormData) {
  return {
    first_name: textOf(data, "first_name"),
    middle_name: textOf(data, "middle_name") || null,
    last_name: textOf(data, "last_name"),
  };
}

/** First, middle (optional) and last name, filled with `user`'s when given. */
export function NameFields({
  failure,
  user,
}: {
  failure: FormFailure;
  user?: OtasUser | undefined;
}) {
  return (
    <>
      <TextField
        name="first_name"
        label="First name"
        autoComplete="given-name"
        defaultValue={user?.first_name}
        error={failure.fields.first_name}
      />
      <TextField
        name="middle_name"
        label="Middle name"
        autoComplete="additional-name"
        optional
        defaultValue={user?.middle_name}
        error={failure.fields.middle_name}
      />
      <TextField
        name="last_name"
        label="Last name"
        autoComplete="family-name"
        defaultValue={user?.last_name}
        error={failure.fields.last_name}
      />
    </>
  );
}
