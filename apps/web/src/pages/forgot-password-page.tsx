import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../api.js";
import { Form } from "../components/form.js";
import { textOf, useFormFailure } from "../components/form-failure.js";
import { Notice, Page } from "../components/page.js";
import { TextField } from "../components/text-field.js";
import { Link } from "../routing/router.js";

/** "Forgot your password?": a link by mail. The answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const request = useMutation(trpc.user.requestPasswordReset.mutationOptions());
  const failure = useFormFailure(request.error, ["emailId"]);
  return (
    <Page title="Forgot your password?">
      <p>Enter your account's email: we will send it a link to choose a new password.</p>
      {request.isSuccess && (
        <Notice>
          If an account uses {request.variables.emailId}, a link is on its way to it. Check your
          mail; the link works once, for a limited time.
        </Notice>
      )}
      <Form
        label="Ask for a reset link"
        submitLabel="Send me a link"
        pendingLabel="Sending…"
        pending={request.isPending}
        failure={failure}
        onSubmit={(data) => request.mutate({ emailId: textOf(data, "emailId") })}
      >
        <TextField
          name="emailId"
          label="Email"
          type="email"
          autoComplete="email"
          error={failure.fields.emailId}
        />
      </Form>
      <p>
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </Page>
  );
}
