import type { OtasUser } from "@otas/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../api.js";
import { Form } from "../components/form.js";
import { useFormFailure } from "../components/form-failure.js";
import { Notice } from "../components/page.js";
import { NameFields, namesOf } from "./name-fields.js";

/** Editing the names of the signed-in account (its email cannot change). */
export function ProfileForm({ user }: { user: OtasUser }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: (answer) => queryClient.setQueryData(trpc.user.me.queryKey(), answer),
    }),
  );
  const failure = useFormFailure(update.error, ["first_name", "middle_name", "last_name"]);
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p>
        Email: <strong>{user.email}</strong>
      </p>
      {update.isSuccess && <Notice>Your profile is saved.</Notice>}
      <Form
        label="Edit your profile"
        submitLabel="Save profile"
        pendingLabel="Saving…"
        pending={update.isPending}
        failure={failure}
        onSubmit={(data) => update.mutate(namesOf(data))}
      >
        <NameFields failure={failure} user={user} />
      </Form>
    </section>
  );
}
