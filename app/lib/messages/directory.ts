import type { Lang } from "../i18n";

/** The catalogue's messages of the supplier directory's order, its refused filters and expired certificates. */
export const directoryMessages = {
  "dir.orderByDistance": {
    zh: "按距离排序，关键词仅用于筛选",
    en: "Ordered by distance; the search words only narrow the list",
  },
  "dir.orderByRelevance": {
    zh: "按关键词相关度排序",
    en: "Ordered by how well the words match",
  },
  "dir.invalidFilters": {
    zh: "以下筛选条件无效，未显示结果：{fields}。请更正或去掉后重新搜索。",
    en: "These filters are not valid, so no results are shown: {fields}. Correct or remove them and search again.",
  },
  "dir.clearFilters": { zh: "清除全部条件", en: "Clear all filters" },
  "dir.text": { zh: "关键词", en: "Search words" },
  "dir.page": { zh: "页码", en: "Page" },
  "cert.expired": { zh: "已过期", en: "Expired" },
  "cert.expiredOn": { zh: "已于 {date} 过期", en: "expired on {date}" },
  "cert.validUntil": { zh: "有效期至 {date}", en: "valid until {date}" },
  "form.unknown_group": { zh: "未知的品类大类。", en: "Unknown category group." },
  "form.unknown_city": { zh: "未知的城市（地级行政区）。", en: "Unknown city (prefecture)." },
  "form.certificate_expired": {
    zh: "该证书已过期（有效期早于今天），不能作为有效资质保存。请填写续期后的有效期，或删除该证书。",
    en: "This certificate has expired (its end date is before today) and cannot be saved as held. Enter the renewed end date or remove it.",
  },
} as const satisfies Record<string, Record<Lang, string>>;
