import { Field, FormState } from './form-parts';

export interface AccountView {
  heading: string;
  /** What happened, or why it could not. */
  message?: string;
  refused?: boolean;
  form?: { action: string; token: string; submit: string; password?: FormState };
}

/**
 * The pages a link in a mail opens: confirming an e-mail address, choosing a new password. Opening the link changes
 * nothing (mail scanners open links too); the button posts the form, which does what the API's confirm routes do.
 */
export function Account({ view }: { view: AccountView }) {
  const { form } = view;
  return (
    <section class="message-page">
      <h1>{view.heading}</h1>
      {view.message && (
        <p class={view.refused ? 'field__error' : undefined} role={view.refused ? 'alert' : 'status'}>
          {view.message}
        </p>
      )}
      {form && (
        <form method="post" action={form.action} class="account-form">
          <input type="hidden" name="token" value={form.token} />
          {form.password && (
            <Field name="password" label="New password" hint="8 to 128 characters." state={form.password}>
              {(describedBy, invalid) => (
                <input
                  id="password"
                  name="password"
                  type="password"
                  minLength={8}
                  maxLength={128}
                  autocomplete="new-password"
                  required
                  aria-describedby={describedBy}
                  aria-invalid={invalid ? 'true' : undefined}
                />
              )}
            </Field>
          )}
          <button type="submit" class="button">
            {form.submit}
          </button>
        </form>
      )}
      <p>
        <a href="/">Back to the directory</a>
      </p>
    </section>
  );
}
