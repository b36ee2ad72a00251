// Company names: what to ignore when comparing, and how alike two names are.
const NOISE = [
  /[（(][^）)]*[）)]/g,
  /(股份)?有限(责任)?公司|集团|分公司|公司|厂$/g,
  // Place prefixes: Jilin's and the neighbouring cities of the gazetteer (neighbour_places.csv).
  /^(中国)?(吉林省|吉林|辽宁省|辽宁|黑龙江省|黑龙江|内蒙古自治区|内蒙古)?(长春市|吉林市|四平市|辽源市|通化市|白山市|松原市|白城市|延边朝鲜族自治州|长春|四平|辽源|通化|白山|松原|白城|延边|沈阳市|抚顺市|阜新市|铁岭市|哈尔滨市|牡丹江市|通辽市|沈阳|抚顺|阜新|铁岭|哈尔滨|牡丹江|通辽)?/,
  /[\s·•.,，。、\-_/]/g,
];

export function normalizeCompanyName(name: string): string {
  let out = name.normalize("NFKC").toLowerCase();
  for (const re of NOISE) out = out.replace(re, "");
  return out;
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i < chars.length - 1; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character bigrams of the normalised names, 0..1. */
export function nameSimilarity(a: string, b: string): number {
  const na = normalizeCompanyName(a);
  const nb = normalizeCompanyName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const ga = bigrams(na);
  const gb = bigrams(nb);
  let overlap = 0;
  let total = 0;
  for (const [g, n] of ga) {
    overlap += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * overlap) / total;
}

export const NEAR_DUPLICATE_THRESHOLD = 0.75;
