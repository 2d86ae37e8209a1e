import { BadgeView } from './badge.service';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Rough text width for the badge's 11 px sans-serif, so that the right half fits the words it holds. */
const textWidth = (text: string) => Math.ceil(text.length * 6.5) + 16;

/**
 * The badge as an image, drawn as a shields-style pill: "NMT Directory | Verified" in green or "Not verified" in grey.
 * The title (a tooltip, and the accessible name) says against whose records and when.
 */
export function badgeSvg(view: BadgeView): string {
  const left = 'NMT Directory';
  const right = view.verified ? '✓ Verified' : 'Not verified';
  const lw = textWidth(left);
  const rw = textWidth(right);
  const colour = view.verified ? '#0f6e3f' : '#5b6168';
  const title = escapeXml(view.summary);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + rw}" height="22" role="img" aria-label="${title}">
<title>${title}</title>
<rect width="${lw}" height="22" rx="4" fill="#1d2a33"/>
<rect x="${lw}" width="${rw}" height="22" rx="4" fill="${colour}"/>
<rect x="${lw - 4}" width="8" height="22" fill="${colour}"/>
<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
<text x="${lw / 2}" y="15">${left}</text>
<text x="${lw + rw / 2}" y="15">${escapeXml(right)}</text>
</g>
</svg>`;
}
