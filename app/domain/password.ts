/** Password rules: a minimum length and none of the commonest passwords. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

// The commonest passwords in leaked lists, Chinese sites' included; compared in lower case.
const COMMON = new Set(
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

export type PasswordProblem = "too_short" | "too_long" | "too_common";

export function checkPassword(password: string, context: string[] = []): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return "too_short";
  if (password.length > PASSWORD_MAX) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "too_common";
  // The account's own e-mail or name is as guessable as a common password.
  if (context.some((c) => c.length >= 4 && lower === c.toLowerCase())) return "too_common";
  if (/^(.)\1+$/.test(password)) return "too_common";
  return null;
}
