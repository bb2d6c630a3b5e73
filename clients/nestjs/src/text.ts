/**
 * Makes any JavaScript string acceptable where the contract puts it, so an odd value changes a character
 * instead of dead-lettering the whole event (the same rules as the Java library's Text).
 */

/** Characters of a label: logger, metric, operation and event names. */
export const MAX_LABEL = 256;
/** Characters of one free-text field (messages); the parser accepts events of up to 1 MiB. */
export const MAX_TEXT = 32 * 1024;

// Control characters but tab and newline; no quantifier, so no backtracking.
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/g;

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a) return true;
  }
  return false;
}

/** Free text: unpaired surrogates become U+FFFD, beyond {@link MAX_TEXT} cut and marked with an ellipsis. */
export function text(s: string): string {
  if (s.length > MAX_TEXT) s = s.slice(0, MAX_TEXT - 1) + '\u2026';
  return s.toWellFormed();
}

/** A label: control characters (but tab and newline) become spaces, longer than 256 cut; undefined when empty. */
export function label(s: string | undefined | null): string | undefined {
  if (s == null || s.length === 0) return undefined;
  if (s.length > MAX_LABEL) s = s.slice(0, MAX_LABEL);
  // a loop finds none (the usual case) several times faster than the regular expression would
  if (hasControl(s)) s = s.replace(CONTROL, ' ');
  return s.toWellFormed();
}

/** An identifier: 1-`max` printable ASCII characters without spaces, else undefined (not sent). */
export function token(s: string | undefined | null, max: number): string | undefined {
  if (s == null || s.length === 0 || s.length > max) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return undefined;
  }
  return s;
}
