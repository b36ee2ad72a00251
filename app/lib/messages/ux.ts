/** The catalogue's messages of the header menu, the home page's audiences and empty states. */
export const uxMessages = {
  "ux.menu": { zh: "菜单", en: "Menu" },
  "ux.more": { zh: "更多", en: "More" },
  "home.buyers.demands": { zh: "发布和管理配套需求", en: "Post and manage demands" },
  "home.buyers.suppliers": { zh: "按工厂查找附近供应商", en: "Find suppliers near a plant" },
  "home.officials.dashboard": { zh: "查看本地配套率", en: "See the local supply rates" },
  "home.officials.signIn": { zh: "主管部门登录后查看本地配套率", en: "Officials: sign in for the supply rates" },
  "home.suppliers.opportunities": { zh: "查看适合您的商机", en: "See the demands that fit you" },
  "home.suppliers.signup": { zh: "注册企业，登记制造能力", en: "Sign up and list what you make" },
  "home.suppliers.profile": { zh: "完善企业档案", en: "Complete your profile" },
  "empty.notifications": {
    zh: "有新的邀请、报价或定点时会在这里通知您。",
    en: "Invitations, quotes and awards will be announced here.",
  },
  "empty.notifications.action": { zh: "去看看商机和需求", en: "Look at the directory meanwhile" },
  "empty.audit": {
    zh: "还没有审计记录：登录、审核、导入等操作都会记在这里。",
    en: "No audit entries yet: sign-ins, verifications and imports are recorded here.",
  },
  "empty.imports": {
    zh: "还没有导入过供应商名单。下载模板，填好后在上方上传。",
    en: "No supplier list imported yet. Download the template, fill it in and upload it above.",
  },
  "empty.ledgerImports": {
    zh: "还没有导入采购台账。下载模板，填好后在上方上传。",
    en: "No procurement imported yet. Download the template, fill it in and upload it above.",
  },
  "empty.ledger": {
    zh: "台账还没有记录：导入采购数据，或在需求中确认定点。",
    en: "The ledger is empty: import your procurement, or award a demand.",
  },
  "empty.ledger.action": { zh: "查看配套需求", en: "Go to the demands" },
  "empty.members": { zh: "除您之外还没有成员。在上方邀请同事加入。", en: "No one else yet. Invite a colleague above." },
  "empty.tokens": {
    zh: "还没有 API 令牌。需要让 ERP 或 SRM 系统接入时，在上方创建一个。",
    en: "No API token yet. Create one above when your ERP or SRM system is to connect.",
  },
} satisfies Record<string, { zh: string; en: string }>;
