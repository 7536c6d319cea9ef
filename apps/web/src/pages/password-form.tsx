import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../api.js";
import { Form } from "../components/form.js";
import { type FormFailure, useFormFailure } from "../components/form-failure.js";
import { Notice } from "../components/page.js";
import { checkedPassword, NewPasswordFields } from "./new-password-fields.js";

/** Changing the password of the signed-in account. */
export function PasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.user.updatePassword.mutationOptions({
      // The change signed every other session out.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.user.sessions.queryKey() }),
    }),
  );
  const apiFailure = useFormFailure(change.error, ["password"]);
  const [mismatch, setMismatch] = useState<FormFailure | undefined>();
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      {change.isSuccess && <Notice>Your password is changed.</Notice>}
      <Form
        label="Change your password"
        submitLabel="Change password"
        pendingLabel="Changing your password…"
        pending={change.isPending}
        failure={mismatch ?? apiFailure}
        onSubmit={(data, form) => {
          const checked = checkedPassword(data);
          if (!("password" in checked)) return setMismatch(checked);
          setMismatch(undefined);
          change.mutate(checked, { onSuccess: () => form.reset() });
        }}
      >
        <NewPasswordFields failure={mismatch ?? apiFailure} />
      </Form>
    </section>
  );
}
