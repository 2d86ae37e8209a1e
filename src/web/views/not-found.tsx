export function NotFound() {
  return (
    <section class="message-page">
      <h1>We can’t find that page</h1>
      <p>
        The address may be mistyped, or the therapist may have taken their profile down. Profiles that are not published
        are not shown anywhere in the directory.
      </p>
      <p>
        <a href="/" class="button">
          Find a therapist
        </a>
      </p>
    </section>
  );
}

export function ServerError() {
  return (
    <section class="message-page">
      <h1>Sorry, something went wrong on our side</h1>
      <p>Please try again in a moment. If it keeps happening, the problem is ours and we are looking into it.</p>
      <p>
        <a href="/">Back to the search</a>
      </p>
    </section>
  );
}

export function BadLink() {
  return (
    <section class="message-page">
      <h1>This link does not work</h1>
      <p>Part of the address is damaged or out of date. Start again from the search, and the links will work.</p>
      <p>
        <a href="/">Back to the search</a>
      </p>
    </section>
  );
}

export function TooManyRequests() {
  return (
    <section class="message-page">
      <h1>Too many requests from your connection</h1>
      <p>Please wait a minute, then reload the page.</p>
      <p>
        <a href="/">Back to the search</a>
      </p>
    </section>
  );
}
