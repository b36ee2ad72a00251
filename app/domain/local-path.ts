const PROBE_ORIGIN = "http://peitao.invalid";

/**
 * Whether `s` is a path on this site, safe to redirect to after sign-in or a language
 * switch: it starts with one "/", holds no backslash (browsers read "/\evil.example" as
 * "//evil.example") and no control character, and resolves to this origin.
 */
export function isLocalPath(s: string): boolean {
  if (!s.startsWith("/") || s.startsWith("//")) return false;
  if (/[\\\u0000-\u001f\u007f]/.test(s)) return false;
  try {
    return new URL(s, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}
