/** The HTML frame every mail shares; `body` is the kind's already-rendered (escaped) HTML. */
export const HTML_LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 40em; margin: 0 auto; padding: 1em">
<p>Hello {{name}},</p>
{{{body}}}
<p style="color: #666; font-size: 0.9em">NMT Directory · <a href="{{publicUrl}}">{{publicUrl}}</a></p>
</body>
</html>
`;

export const TEXT_LAYOUT = `Hello {{name}},

{{{body}}}

--
NMT Directory · {{publicUrl}}
`;
