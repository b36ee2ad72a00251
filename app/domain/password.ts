/** Password rules: a length, none of the commonest passwords, nothing about the account itself. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** The product's own names: as guessable as the account's e-mail (NIST SP 800-63B 5.1.1.2). */
export const PRODUCT_WORDS = ["peitao", "配套"] as const;

/**
 * A list of common and leaked passwords, compared in lower case. The built-in one below is
 * a floor; the server installs a maintained list from a package at start-up when one is
 * installed (app/auth/common-passwords.server.ts), through `installCommonPasswords`.
 */
export interface CommonPasswords {
  has(lowerCasePassword: string): boolean;
  /** Where the list comes from (the package and its version, or "built-in"), for the logs. */
  readonly source: string;
  readonly size: number;
}

// The commonest passwords in leaked lists, Chinese sites' included; compared in lower case.
const BUILT_IN = new Set(
  `123456 123456789 12345678 1234567890 password qwerty 111111 123123 abc123 1234567 password1
  12345 iloveyou 000000 qwerty123 1q2w3e4r 123321 666666 888888 654321 7777777 112233 121212
  5201314 woaini1314 woaini520 a123456 a123456789 aa123456 qq123456 1314520 123qwe 147258369
  qwertyuiop 1qaz2wsx 1qaz2wsx3edc zaq12wsx asdfghjkl zxcvbnm 123456a 123456abc password123
  password12 admin123 admin1234 administrator welcome123 letmein123 changeme123 passw0rd
  p@ssw0rd p@ssword1 11111111 1111111111 0000000000 1234512345 9876543210 abcd1234 abcdefg123
  1234qwer qwer1234 asdf1234 zxcv1234 a1b2c3d4e5 iloveyou1 sunshine1 princess1 football1
  baseball1 dragon1234 monkey1234 shadow1234 master1234 superman1 trustno1 woaini123 wodemima
  mima123456 caonima123 1qazxsw2 qazwsxedc qazwsx123 88888888 66666666 12341234 123454321`
    .split(/\s+/)
    .filter(Boolean),
);

/** A list from any collection of passwords (lower-cased here). */
export function commonPasswordList(passwords: Iterable<string>, source: string): CommonPasswords {
  const set = new Set<string>();
  for (const p of passwords) set.add(p.toLowerCase());
  return { has: (p) => set.has(p), source, size: set.size };
}

export const BUILT_IN_COMMON_PASSWORDS: CommonPasswords = {
  has: (p) => BUILT_IN.has(p),
  source: "built-in",
  size: BUILT_IN.size,
};

// The installed list lives on globalThis: the server and the Remix build each bundle a copy
// of this module, and a list installed through one must be the one the other checks with.
const INSTALLED = Symbol.for("peitao.commonPasswords");
type Holder = { [INSTALLED]?: CommonPasswords };

/** Install the list every later check uses; the built-in list always applies as well. */
export function installCommonPasswords(list: CommonPasswords): void {
  (globalThis as Holder)[INSTALLED] = list;
}

export const commonPasswords = (): CommonPasswords => (globalThis as Holder)[INSTALLED] ?? BUILT_IN_COMMON_PASSWORDS;

export type PasswordProblem = "too_short" | "too_long" | "too_common" | "too_personal";

/** The letters of a text, lower-cased: "Peitao-2026!" and "peitao" are the same guess. */
const letters = (text: string) => text.toLowerCase().replace(/[^\p{L}]/gu, "");

/**
 * Whether a password is, or is only, one of the words an attacker tries first for this
 * account: its e-mail or the e-mail's local part, its organization's names, the product's
 * name; with digits and punctuation around them or not ("zhang.san2026!" for
 * zhang.san@…). A word of one letter counts only when matched exactly.
 */
export function passwordContextProblem(password: string, words: (string | null | undefined)[]): "too_personal" | null {
  const lower = password.toLowerCase();
  const core = letters(password);
  const all = [...PRODUCT_WORDS] as string[];
  for (const w of words) {
    if (!w) continue;
    all.push(w);
    const at = w.lastIndexOf("@");
    if (at > 0) all.push(w.slice(0, at));
  }
  for (const word of all) {
    const w = word.trim().toLowerCase();
    if (!w) continue;
    if (lower === w) return "too_personal";
    const wordCore = letters(w);
    if (wordCore.length >= 2 && core === wordCore) return "too_personal";
  }
  return null;
}

export function checkPassword(password: string, context: (string | null | undefined)[] = []): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return "too_short";
  if (password.length > PASSWORD_MAX) return "too_long";
  const lower = password.toLowerCase();
  if (BUILT_IN.has(lower) || commonPasswords().has(lower)) return "too_common";
  if (/^(.)\1+$/.test(password)) return "too_common";
  return passwordContextProblem(password, context);
}
