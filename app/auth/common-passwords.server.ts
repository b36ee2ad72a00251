import {
  BUILT_IN_COMMON_PASSWORDS,
  commonPasswordList,
  installCommonPasswords,
  type CommonPasswords,
} from "../domain/password";

/**
 * The maintained list of common and leaked passwords: the `passwords` dictionary of
 * @zxcvbn-ts/language-common (zxcvbn's ~30,000 commonest passwords from leaked lists),
 * when that package is installed. Without it the built-in list applies (app/domain/password.ts).
 */
export const COMMON_PASSWORDS_PACKAGE = "@zxcvbn-ts/language-common";

type Importer = (name: string) => Promise<unknown>;

/** The password list a language package holds: `dictionary.passwords` or `dictionary["passwords-…"]`. */
export function passwordsOf(mod: unknown): string[] | null {
  const root = (mod as { default?: unknown })?.default ?? mod;
  const dictionary = (root as { dictionary?: Record<string, unknown> } | null)?.dictionary;
  if (!dictionary || typeof dictionary !== "object") return null;
  for (const [name, value] of Object.entries(dictionary)) {
    if (!/^passwords/.test(name) || !Array.isArray(value)) continue;
    const words = value.filter((w): w is string => typeof w === "string");
    if (words.length > 0) return words;
  }
  return null;
}

/**
 * Install the package's list for every later password check, and return what is in force.
 * The import is by name at run time, so a missing package is a fallback, not a build error.
 */
export async function loadCommonPasswords(
  importer: Importer = (name) => import(/* @vite-ignore */ name),
  packageName = COMMON_PASSWORDS_PACKAGE,
): Promise<CommonPasswords> {
  let words: string[] | null = null;
  try {
    words = passwordsOf(await importer(packageName));
  } catch {
    words = null;
  }
  const list = words ? commonPasswordList(words, packageName) : BUILT_IN_COMMON_PASSWORDS;
  installCommonPasswords(list);
  return list;
}
