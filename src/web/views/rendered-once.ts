const MAX_VARIANTS = 500;

/**
 * Markup that depends only on what it is keyed by, rendered once per owner and key by the caller's render (Preact,
 * so escaped) and then reused: the search form's filters and the home page are the same for most visitors. The
 * owner is the object the markup is made from (the directory's terms), so a newly loaded one starts afresh; keys can
 * come from visitors, so each owner keeps at most MAX_VARIANTS of them.
 */
export class RenderedOnce<Owner extends object> {
  private readonly byOwner = new WeakMap<Owner, Map<string, string>>();

  get(owner: Owner, key: string, render: () => string): string {
    let variants = this.byOwner.get(owner);
    if (!variants) {
      variants = new Map();
      this.byOwner.set(owner, variants);
    }
    let html = variants.get(key);
    if (html === undefined) {
      html = render();
      if (variants.size >= MAX_VARIANTS) {
        variants.clear();
      }
      variants.set(key, html);
    }
    return html;
  }
}
