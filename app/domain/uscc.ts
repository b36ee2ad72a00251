/**
 * 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015: 18 characters from
 * a 31-character set (digits and capitals without I, O, Z, S, V); the 18th is a
 * check character computed from the first 17 with fixed weights modulo 31.
 */
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError("need the first 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`character ${first17[i]} is not allowed in a USCC`);
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export type UsccProblem = "length" | "charset" | "check_digit";

/** Normalise (trim, upper-case) and check a USCC; returns the code or the problem. */
export function checkUscc(input: string): { ok: true; code: string } | { ok: false; problem: UsccProblem } {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: "length" };
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return { ok: false, problem: "charset" };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, problem: "check_digit" };
  return { ok: true, code };
}

/** GB 11714 organisation code check character (the 9th character of the 9-char code). */
export function orgCodeCheckChar(first8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8[i]!;
    const v = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * w[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** A valid enterprise USCC (registration 9, type 1) for an adcode and an 8-digit serial. */
export function makeUscc(adcode: number, serial: number): string {
  const org8 = String(serial).padStart(8, "0").slice(-8);
  const first17 = `91${String(adcode).padStart(6, "0")}${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}
