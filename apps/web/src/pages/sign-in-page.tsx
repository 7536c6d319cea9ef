import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../api.js";
import { Form } from "../components/form.js";
import { textOf, useFormFailure } from "../components/form-failure.js";
import { Page } from "../components/page.js";
import { TextField } from "../components/text-field.js";
import { Link, navigate, useLocation } from "../routing/router.js";
import { tokenStore } from "../session/token-store.js";

const ENDED = {
  expired: "Your session expired. Please sign in again.",
  invalid: "Your session has ended. Please sign in again.",
} as const;

export function SignInPage() {
  const trpc = useTRPC();
  const { query } = useLocation();
  const login = useMutation(
    trpc.user.login.mutationOptions({
      onSuccess: ({ jwt_token }) => {
        tokenStore.set(jwt_token);
        navigate("/account", { replace: true });
      },
    }),
  );
  const failure = useFormFailure(login.error, ["email", "password"]);
  const ended = query.get("ended");
  return (
    <Page title="Sign in">
      {(ended === "expired" || ended === "invalid") && (
        <p className="notice" role="status">
          {ENDED[ended]}
        </p>
      )}
      <Form
        label="Sign in"
        submitLabel="Sign in"
        pendingLabel="Signing in…"
        pending={login.isPending}
        failure={failure}
        onSubmit={(data) =>
          login.mutate({ email: textOf(data, "email"), password: textOf(data, "password") })
        }
      >
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          error={failure.fields.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={failure.fields.password}
        />
      </Form>
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        No account yet? <Link href="/sign-up">Sign up</Link>
      </p>
    </Page>
  );
}
