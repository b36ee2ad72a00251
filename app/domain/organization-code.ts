/** Words that say what kind of company, not which: left out of a code made from a name. */
const FILLER = new Set([
  "co",
  "ltd",
  "inc",
  "llc",
  "company",
  "corporation",
  "corp",
  "limited",
  "group",
  "the",
  "of",
  "and",
]);

/**
 * A code for an OEM whose administrator gave none: the initials of its English name
 * ("Jilin Test Motors Co., Ltd." → JTM), or OEM without one. `n` > 1 numbers the next
 * candidate when the first is taken (JTM-2).
 */
export function suggestOrganizationCode(nameEn: string | undefined | null, n = 1): string {
  const words = (nameEn ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents off: Ü → U
    .replace(/[^A-Za-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((w) => w && !FILLER.has(w.toLowerCase()));
  let base = words
    .map((w) => w[0]!.toUpperCase())
    .join("")
    .slice(0, 12);
  if (base.length < 2) base = (words[0] ?? "").toUpperCase().slice(0, 12);
  if (base.length < 2 || !/^[A-Z0-9]/.test(base)) base = "OEM";
  return n > 1 ? `${base}-${n}` : base;
}
