import type { Lang } from "../i18n";

/**
 * The catalogue's messages of the supplier side of matchmaking (自荐, 我的配套项目) and of
 * the award's confirmation, each in Chinese and English.
 */
export const matchingMessages = {
  "nav.myMatches": { zh: "我的配套项目", en: "My supply projects" },
  "audit.action.match_nominated": { zh: "供应商自荐", en: "Supplier nominated itself" },
  "notif.supplier_nominated": {
    zh: "有供应商自荐并报价：{title}",
    en: "A supplier nominated itself with a quote: {title}",
  },
  "form.already_nominated": {
    zh: "您已对此需求报价或受邀，请在“我的配套项目”中查看。",
    en: "You have already answered or been invited to this demand; see My supply projects.",
  },
  "form.year": { zh: "请输入 2000 至 2100 之间的年份。", en: "Enter a year between 2000 and 2100." },
  "form.quarter": { zh: "季度为 1 至 4。", en: "The quarter is 1 to 4." },
  "form.sopPast": { zh: "SOP 日期不能早于今天。", en: "The SOP cannot be in the past." },
  "form.deadlineAfterSop": {
    zh: "响应截止日期不能晚于 SOP 日期。",
    en: "The response deadline cannot be after the SOP.",
  },
  "form.deadlinePast": { zh: "响应截止日期不能早于今天。", en: "The response deadline cannot be in the past." },
  "match.selfNominated": { zh: "自荐", en: "Self-nominated" },
  "match.selfNominatedHint": {
    zh: "该供应商未受邀，主动报价",
    en: "This supplier was not invited and quoted on its own",
  },
  "match.fit": { zh: "匹配情况", en: "Fit" },
  "match.capacity": { zh: "年产能", en: "Capacity per year" },
  "match.earliestSop": { zh: "最早可SOP日期", en: "Earliest SOP" },
  "nominate.title": { zh: "自荐报价", en: "Nominate yourself" },
  "nominate.intro": {
    zh: "贵企业的品类和厂址符合此需求。无需邀请即可报价，采购方会收到通知。",
    en: "Your categories and sites fit this demand. Quote without an invitation; the buyer is notified.",
  },
  "nominate.quote": { zh: "单价报价（元/单位）", en: "Unit price (CNY per unit)" },
  "nominate.capacity": { zh: "年产能（单位同需求）", en: "Capacity per year (the demand's unit)" },
  "nominate.earliestSop": { zh: "最早可SOP日期", en: "Earliest SOP you can make" },
  "nominate.note": { zh: "说明", en: "Note" },
  "nominate.submit": { zh: "提交自荐", en: "Send nomination" },
  "nominate.open": { zh: "自荐报价", en: "Quote" },
  "nominate.view": { zh: "查看", en: "View" },
  "myMatch.quoteSent": { zh: "您的报价", en: "Your quote" },
  "myMatch.contract": { zh: "定点金额", en: "Award value" },
  "myMatches.title": { zh: "我的配套项目", en: "My supply projects" },
  "myMatches.intro": {
    zh: "贵企业参与的所有对接：受邀、自荐、已定点和已谢绝的都在这里。",
    en: "Every match of your company: invited, self-nominated, awarded and declined.",
  },
  "myMatches.empty": {
    zh: "还没有配套项目。去“商机”查看符合您品类和厂址的需求并自荐报价；完善企业档案可让采购方更容易找到您。",
    en: "No supply projects yet. Open Opportunities to find demands that fit your categories and sites and quote; a complete profile helps buyers find you.",
  },
  "myMatches.toOpportunities": { zh: "查看商机", en: "Open opportunities" },
  "myMatches.toProfile": { zh: "完善企业档案", en: "Complete your profile" },
  "myMatches.origin": { zh: "来源", en: "Origin" },
  "myMatches.origin.buyer": { zh: "受邀", en: "Invited" },
  "myMatches.origin.supplier": { zh: "自荐", en: "Self-nominated" },
  "myMatches.state": { zh: "状态", en: "State" },
  "myMatches.updated": { zh: "更新", en: "Updated" },
  "award.open": { zh: "定点…", en: "Award…" },
  "award.title": { zh: "确认定点：将记入本地配套台账", en: "Confirm the award: what goes into the ledger" },
  "award.intro": {
    zh: "请核对以下内容。点击“确认定点”后记入台账，台账只增不改（更正须冲销）。",
    en: "Check what follows. Confirming posts it to the ledger, which is append-only (corrections are reversals).",
  },
  "award.supplier": { zh: "供应商", en: "Supplier" },
  "award.quote": { zh: "报价", en: "Quote" },
  "award.amount": { zh: "合同金额（元）", en: "Contract value (CNY)" },
  "award.amountFromQuote": {
    zh: "按报价 ¥{quote} × 年需求量 {volume} {unit} 预填，可修改。",
    en: "Prefilled as the quote ¥{quote} × the annual volume {volume} {unit}; you can change it.",
  },
  "award.amountIsQuote": { zh: "按报价预填，可修改。", en: "Prefilled with the quote; you can change it." },
  "award.volume": { zh: "年采购量", en: "Annual volume" },
  "award.year": { zh: "台账年度", en: "Ledger year" },
  "award.quarter": { zh: "台账季度（1–4）", en: "Ledger quarter (1–4)" },
  "award.periodFromSop": {
    zh: "按需求的SOP日期 {sop} 取 {year} 年第 {quarter} 季度。",
    en: "From the demand's SOP {sop}: {year}, quarter {quarter}.",
  },
  "award.periodNoSop": {
    zh: "需求没有SOP日期，取本季度 {year} 年第 {quarter} 季度。",
    en: "The demand has no SOP: the current quarter, {year} Q{quarter}.",
  },
  "award.locality": { zh: "本地口径", en: "Locality" },
  "award.province": { zh: "省内口径", en: "Province basis" },
  "award.circle": { zh: "百公里配套圈口径", en: "100 km circle basis" },
  "award.provinceLocal": { zh: "本地（吉林省内企业）", en: "Local (a Jilin company)" },
  "award.provinceNotLocal": { zh: "非本地（{province}）", en: "Not local ({province})" },
  "award.circleLocal": { zh: "本地（距工厂 {km} 公里）", en: "Local ({km} km from the plant)" },
  "award.circleNotLocal": { zh: "非本地（距工厂 {km} 公里）", en: "Not local ({km} km from the plant)" },
  "award.localityUnknown": {
    zh: "未知：供应商没有厂址，两种口径均不计为本地。",
    en: "Unknown: the supplier has no site; neither basis counts it as local.",
  },
  "award.warnUnverified": {
    zh: "注意：该供应商尚未通过主管部门认证。",
    en: "Caution: this supplier is not verified by the authorities.",
  },
  "award.warnMissing": { zh: "注意：缺少必需认证：{certs}。", en: "Caution: required certification missing: {certs}." },
  "award.warnExpired": {
    zh: "注意：必需认证已过期：{certs}。",
    en: "Caution: required certification expired: {certs}.",
  },
  "award.confirm": { zh: "确认定点", en: "Confirm the award" },
  "award.cancel": { zh: "取消", en: "Cancel" },
  "demand.noMatches": {
    zh: "还没有供应商对接。从下方圈内排名中邀请供应商，或等待符合条件的供应商自荐。",
    en: "No supplier is in contact yet. Invite suppliers from the ranking below, or wait for fitting suppliers to nominate themselves.",
  },
  "award.gone": {
    zh: "此供应商当前不能定点（可能已定点或已撤回）。",
    en: "This supplier cannot be awarded now (already awarded or withdrawn).",
  },
} as const satisfies Record<string, Record<Lang, string>>;
