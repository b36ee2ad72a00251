import type { Lang } from "../i18n";

/** The catalogue's dashboard messages, each in Chinese and English. */
export const dashboardMessages = {
  "dash.title": { zh: "本地配套率监测", en: "Local supply rate" },
  "dash.ownOnly": { zh: "本企业", en: "your organization" },
  "dash.basis": { zh: "口径", en: "Basis" },
  "dash.basis.province": { zh: "省内（供应商在吉林省）", en: "Province (supplier in Jilin)" },
  "dash.basis.circle": { zh: "百公里配套圈", en: "100 km supply circle" },
  "dash.show": { zh: "查看", en: "Show" },
  "dash.rate": { zh: "{year}年本地配套率", en: "Local supply rate {year}" },
  "dash.previous": { zh: "{year}年（上年）", en: "{year} (previous year)" },
  "dash.nev": { zh: "新能源汽车关键零部件", en: "NEV key parts" },
  "dash.total": { zh: "采购总额", en: "Total procurement" },
  "dash.toReach": { zh: "达到40%尚需本地化", en: "to localize for 40%" },
  "dash.policyNote": { zh: "政策依据：本地配套率不低于40%、比上年提高3个百分点以上可获奖励；2026年新能源汽车关键零部件本地配套率达到70%。“尚需”指在采购总额不变的情况下，需由外地采购转为本地采购的金额。", en: "Policy: a rate of at least 40% or a rise of 3 percentage points earns rewards; NEV key parts 70% by 2026. 'Needed' is the amount to move from outside to local suppliers, total unchanged." },
  "dash.trend": { zh: "历年趋势", en: "Trend by year" },
  "dash.byGroup": { zh: "按品类大类", en: "By category group" },
  "dash.map": { zh: "整车工厂、配套圈与供应商分布", en: "Plants, supply circles and suppliers" },
  "ledger.title": { zh: "采购台账导入", en: "Procurement import" },
  "ledger.lead": { zh: "导入在平台外发生的采购（本地或外地），使本地配套率的分母为企业全部采购额。按单据号去重，重复导入不会产生变化。", en: "Import purchases made outside Peitao, local or not, so that the rate's denominator is your whole procurement. Rows are keyed by your document number: importing again changes nothing." },
  "ledger.entries": { zh: "最近的台账记录", en: "Latest ledger entries" },
  "ledger.reverse": { zh: "冲销", en: "Reverse" },
  "ledger.reversed": { zh: "已冲销", en: "Reversed" },
} as const satisfies Record<string, Record<Lang, string>>;
