/** The 百公里配套圈: the policy's supply circle around a plant, km. */
export const POLICY_CIRCLE_KM = 100;

const PROVINCES: Record<string, string> = {
  "11": "北京市",
  "12": "天津市",
  "13": "河北省",
  "14": "山西省",
  "15": "内蒙古自治区",
  "21": "辽宁省",
  "22": "吉林省",
  "23": "黑龙江省",
  "31": "上海市",
  "32": "江苏省",
  "33": "浙江省",
  "34": "安徽省",
  "35": "福建省",
  "36": "江西省",
  "37": "山东省",
  "41": "河南省",
  "42": "湖北省",
  "43": "湖南省",
  "44": "广东省",
  "45": "广西壮族自治区",
  "46": "海南省",
  "50": "重庆市",
  "51": "四川省",
  "52": "贵州省",
  "53": "云南省",
  "54": "西藏自治区",
  "61": "陕西省",
  "62": "甘肃省",
  "63": "青海省",
  "64": "宁夏回族自治区",
  "65": "新疆维吾尔自治区",
};

/** Province name of an administrative division code (GB/T 2260), or null. */
export function provinceOf(adcode: number | string): string | null {
  return PROVINCES[String(adcode).slice(0, 2)] ?? null;
}

export function inJilin(adcode: number | string): boolean {
  return String(adcode).startsWith("22");
}

/**
 * The frozen distance of a ledger entry (rounded to the metre) and whether it lies inside
 * the policy circle; an unknown distance is outside. The one rule for registered
 * suppliers (their nearest site) and for imported rows (their county or coordinates).
 */
export function circleLocality(km: number | null): { distance_km: number | null; inside_circle: boolean } {
  if (km === null) return { distance_km: null, inside_circle: false };
  const rounded = Math.round(km * 1000) / 1000;
  return { distance_km: rounded, inside_circle: rounded <= POLICY_CIRCLE_KM };
}
