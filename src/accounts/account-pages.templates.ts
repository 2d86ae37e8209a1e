/** The two pages a mailed link opens (Handlebars; every value is HTML-escaped). No script, no external resource. */
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>{{title}} · NMT Directory</title>
<style>body{font-family:Arial,sans-serif;line-height:1.5;max-width:32em;margin:2em auto;padding:0 1em;color:#1a1a1a}
label{display:block;margin:1em 0 .25em}input[type=password]{width:100%;padding:.4em}button{margin-top:1em;padding:.5em 1.2em}
.error{color:#a40000}</style>
</head>
<body>
<h1>{{title}}</h1>
{{#if message}}<p{{#if error}} class="error" role="alert"{{/if}}>{{message}}</p>{{/if}}
{{#if form}}
<form method="post" action="{{form.action}}">
<input type="hidden" name="token" value="{{form.token}}">
{{#if form.password}}
<label for="password">New password (8 to 128 characters)</label>
<input id="password" name="password" type="password" minlength="8" maxlength="128" autocomplete="new-password" required
 {{#if form.passwordError}}aria-describedby="password-error" aria-invalid="true"{{/if}}>
{{#if form.passwordError}}<p id="password-error" class="error">{{form.passwordError}}</p>{{/if}}
{{/if}}
<button type="submit">{{form.submit}}</button>
</form>
{{/if}}
<p><a href="/">NMT Directory</a></p>
</body>
</html>
`;
