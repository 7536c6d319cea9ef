import { otasErrorMessages } from "@otas/client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../api.js";
import { Form } from "../components/form.js";
import { textOf, useFormFailure } from "../components/form-failure.js";
import { Page } from "../components/page.js";
import { TextField } from "../components/text-field.js";
import { Link, navigate } from "../routing/router.js";
import { tokenStore } from "../session/token-store.js";
import { NameFields, namesOf } from "./name-fields.js";

const FIELDS = ["first_name", "middle_name", "last_name", "email", "password"];

export function SignUpPage() {
  const trpc = useTRPC();
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: ({ jwt_token }) => {
        tokenStore.set(jwt_token);
        navigate("/account", { replace: true });
      },
    }),
  );
  const failure = useFormFailure(create.error, FIELDS);
  return (
    <Page title="Create your account">
      <Form
        label="Create your account"
        submitLabel="Create account"
        pendingLabel="Creating your account…"
        pending={create.isPending}
        failure={failure}
        onSubmit={(data) =>
          create.mutate({
            ...namesOf(data),
            email: textOf(data, "email"),
            password: textOf(data, "password"),
          })
        }
      >
        <NameFields failure={failure} />
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
          autoComplete="new-password"
          hint={otasErrorMessages.password_too_short}
          error={failure.fields.password}
        />
      </Form>
      <p>
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </Page>
  );
}
