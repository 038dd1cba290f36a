/**
 * Whether a site code from a file may be repeated in a message. An ODS site
 * code is a letter and two to five letters or digits (RX1AA, RAPNM, R1H); a
 * value in the site column that is not of that shape (ten digits of an NHS
 * number, a hospital number) may be an identifier in the wrong column, and is
 * never echoed.
 */
export function looksLikeOdsCode(value: string): boolean {
  return /^[A-Z][A-Z0-9]{2,5}$/.test(value);
}

/** " RX9ZZ" for a code that may be echoed, else "". */
export function echoSiteCode(value: string): string {
  const code = value.trim().toUpperCase();
  return looksLikeOdsCode(code) ? ` ${code}` : '';
}
