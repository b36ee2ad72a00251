import { useRouteLoaderData } from "@remix-run/react";

export type Lang = "zh" | "en";
export const LANGS: Lang[] = ["zh", "en"];

const messages = {
  "app.name": { zh: "配套", en: "Peitao" },
  "app.tagline": { zh: "吉林汽车产业本地配套平台", en: "Local supply matching for the Jilin automotive cluster" },
  "nav.home": { zh: "首页", en: "Home" },
  "nav.suppliers": { zh: "供应商目录", en: "Supplier directory" },
  "nav.plants": { zh: "整车工厂", en: "OEM plants" },
  "nav.forSuppliers": { zh: "零部件企业", en: "Suppliers" },
  "nav.forBuyers": { zh: "主机厂采购", en: "OEM buyers" },
  "nav.forOfficials": { zh: "主管部门", en: "Officials" },
  "nav.language": { zh: "English", en: "中文" },
  "home.lead": {
    zh: "帮助主机厂在百公里配套圈内找到合格的本地供应商，提升本地配套率。",
    en: "Helping OEMs find qualified local suppliers inside the 100 km supply circle, and raising the local supply rate.",
  },
  "home.counts": { zh: "平台概况", en: "At a glance" },
  "home.suppliers": { zh: "注册供应商", en: "Registered suppliers" },
  "home.verified": { zh: "已认证供应商", en: "Verified suppliers" },
  "home.oems": { zh: "整车企业", en: "OEMs" },
  "home.plants": { zh: "整车工厂", en: "Vehicle plants" },
  "home.categories": { zh: "零部件品类", en: "Part categories" },
  "home.indexed": { zh: "可检索的供应商厂区", en: "Searchable supplier sites" },
  "home.searchDown": { zh: "搜索服务暂不可用，目录检索稍后恢复。", en: "Search is unavailable right now; the directory will be back shortly." },
  "home.forSuppliers": { zh: "登记制造能力，让主机厂采购找到您；查看附近的配套需求。", en: "List what you make so OEM buyers find you; see open demands near you." },
  "home.forBuyers": { zh: "在工厂发布配套需求，按距离获得合格本地供应商排名。", en: "Post a demand at your plant and get qualified local suppliers ranked by distance." },
  "home.forOfficials": { zh: "按主机厂、工厂、品类和年度跟踪本地配套率与政策目标。", en: "Track the local supply rate per OEM, plant, category and year against policy targets." },
  "home.policy": {
    zh: "政策目标：本地配套率不低于40%，每年提升3个百分点；2026年新能源汽车关键零部件本地配套率达到70%。",
    en: "Policy: a local supply rate of at least 40%, rising 3 percentage points a year; 70% for NEV key parts by 2026.",
  },
  "home.sample": { zh: "演示数据中的供应商为虚构示例，标有“示例”。", en: "Suppliers in the demo data are fictitious and marked 示例 (sample)." },
  "plants.title": { zh: "整车工厂与百公里配套圈", en: "OEM plants and their 100 km supply circles" },
  "plants.oem": { zh: "整车企业", en: "OEM" },
  "plants.plant": { zh: "工厂", en: "Plant" },
  "plants.location": { zh: "位置", en: "Location" },
  "plants.nearby": { zh: "100公里内供应商", en: "Suppliers within 100 km" },
  "plants.precision": { zh: "位置精度", en: "Location precision" },
  "suppliers.title": { zh: "供应商目录", en: "Supplier directory" },
  "suppliers.query": { zh: "搜索名称、产品或品类（中文、英文或拼音）", en: "Search names, products or categories (Chinese, English or pinyin)" },
  "suppliers.search": { zh: "搜索", en: "Search" },
  "suppliers.found": { zh: "找到 {n} 家供应商", en: "{n} suppliers found" },
  "suppliers.none": { zh: "没有找到匹配的供应商。", en: "No supplier matches." },
  "suppliers.searchDown": { zh: "搜索服务暂不可用，请稍后再试。", en: "Search is unavailable right now; please try again shortly." },
  "common.sample": { zh: "示例", en: "Sample" },
  "common.verified": { zh: "已认证", en: "Verified" },
  "common.pending": { zh: "待认证", en: "Pending verification" },
  "common.rejected": { zh: "未通过", en: "Rejected" },
  "common.km": { zh: "{n} 公里", en: "{n} km" },
  "error.404.title": { zh: "页面不存在", en: "Page not found" },
  "error.404.body": { zh: "您访问的页面不存在或已被移除。", en: "The page you asked for does not exist or was removed." },
  "error.403.title": { zh: "无权访问", en: "Not allowed" },
  "error.403.body": { zh: "您的账号无权执行此操作。", en: "Your account may not do this." },
  "error.500.title": { zh: "出错了", en: "Something went wrong" },
  "error.500.body": { zh: "服务器处理请求时出错，请稍后重试。", en: "The server could not handle the request. Please try again shortly." },
  "error.503.title": { zh: "服务暂不可用", en: "Service unavailable" },
  "error.503.body": { zh: "数据库暂时无法访问，请稍后重试。", en: "The database cannot be reached right now. Please try again shortly." },
  "error.home": { zh: "返回首页", en: "Back to the home page" },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let text: string = messages[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, String(v));
  return text;
}

export function parseLang(value: string | null | undefined): Lang {
  return value === "en" ? "en" : "zh";
}

/** The language chosen in the root loader (cookie), for any component. */
export function useLang(): Lang {
  const data = useRouteLoaderData("root") as { lang?: Lang } | undefined;
  return data?.lang ?? "zh";
}

export function useT() {
  const lang = useLang();
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
}
