import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../api.js";
import { Form } from "../components/form.js";
import { type FormFailure, useFormFailure } from "../components/form-failure.js";
import { Notice, Page } from "../components/page.js";
import { Link, useLocation } from "../routing/router.js";
import { tokenStore } from "../session/token-store.js";
import { checkedPassword, NewPasswordFields } from "./new-password-fields.js";

/** The page the reset mail's link opens: `/reset-password?token=…&emailId=…`. */
export function ResetPasswordPage() {
  const trpc = useTRPC();
  const { query } = useLocation();
  const token = query.get("token");
  const emailId = query.get("emailId");
  const reset = useMutation(
    trpc.user.resetPassword.mutationOptions({
      // The reset ends every session begun before it, this browser's too.
      onSuccess: () => tokenStore.clear(),
    }),
  );
  const apiFailure = useFormFailure(reset.error, ["password"]);
  const [mismatch, setMismatch] = useState<FormFailure | undefined>();
  if (!token || !emailId) {
    return (
      <Page title="Choose a new password">
        <p className="form-error" role="alert">
          This link is incomplete. <Link href="/forgot-password">Ask for a new one</Link>.
        </p>
      </Page>
    );
  }
  if (reset.isSuccess) {
    return (
      <Page title="Your password is reset">
        <Notice>You can now sign in with your new password.</Notice>
        <p>
          <Link href="/sign-in">Sign in</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Choose a new password">
      <p>For {emailId}.</p>
      <Form
        label="Choose a new password"
        submitLabel="Set my new password"
        pendingLabel="Setting your password…"
        pending={reset.isPending}
        failure={mismatch ?? apiFailure}
        onSubmit={(data) => {
          const checked = checkedPassword(data);
          if (!("password" in checked)) return setMismatch(checked);
          setMismatch(undefined);
          reset.mutate({ emailId, token, password: checked.password });
        }}
      >
        <NewPasswordFields failure={mismatch ?? apiFailure} />
      </Form>
      {reset.error && (
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      )}
    </Page>
  );
}
