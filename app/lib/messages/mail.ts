import type { Lang } from "../i18n";

/** The catalogue's messages of e-mail, password reset and a supplier's first steps. */
export const mailMessages = {
  // Password reset
  "reset.forgotLink": { zh: "忘记密码？", en: "Forgot your password?" },
  "reset.forgot.title": { zh: "忘记密码", en: "Forgot your password" },
  "reset.forgot.lead": {
    zh: "填写您登录用的邮箱，我们会发送一个重置密码的链接（1小时内有效，只能使用一次）。",
    en: "Enter the e-mail you sign in with and we will send you a link to set a new password (valid for one hour, once).",
  },
  "reset.forgot.submit": { zh: "发送重置链接", en: "Send the link" },
  "reset.forgot.sent": {
    zh: "如果该邮箱有账号，我们已发送重置密码的链接，请查收邮件（1小时内有效）。没有收到？请检查垃圾邮件，或稍后再试。",
    en: "If an account exists for that e-mail, we have sent it a link to set a new password (valid for one hour). Nothing arrived? Check your spam folder, or try again later.",
  },
  "reset.title": { zh: "设置新密码", en: "Set a new password" },
  "reset.for": { zh: "账号：{email}", en: "Account: {email}" },
  "reset.submit": { zh: "保存新密码", en: "Save the new password" },
  "reset.expired": {
    zh: "这个重置链接已过期（有效期1小时）。请重新申请一个。",
    en: "This reset link has expired (links are valid for one hour). Please ask for a new one.",
  },
  "reset.used": {
    zh: "这个重置链接已经使用过了，每个链接只能用一次。如果需要，请重新申请一个。",
    en: "This reset link has already been used; each link works once. Ask for a new one if you need to.",
  },
  "reset.unknown": {
    zh: "这个重置链接无效。请确认复制了邮件中的完整链接，或重新申请一个。",
    en: "This reset link is not valid. Check that you copied the whole link from the e-mail, or ask for a new one.",
  },
  "reset.askAgain": { zh: "重新申请重置链接", en: "Ask for a new link" },
  "reset.done": {
    zh: "密码已重置，所有设备上的登录已退出。请用新密码登录。",
    en: "Your password was reset and you were signed out everywhere. Sign in with the new password.",
  },
  "form.reset_link_invalid": {
    zh: "这个重置链接已过期或已使用。请重新申请一个。",
    en: "This reset link has expired or was already used. Please ask for a new one.",
  },
  "audit.action.password_reset_requested": { zh: "申请重置密码", en: "Password reset requested" },
  "audit.action.password_reset": { zh: "通过邮件链接重置密码", en: "Password reset by e-mail link" },
  "audit.action.notification_preferences_saved": { zh: "修改邮件通知设置", en: "E-mail preferences changed" },

  // E-mail preferences on /account
  "mailPrefs.title": { zh: "邮件通知", en: "E-mail notifications" },
  "mailPrefs.lead": {
    zh: "站内通知始终保留；勾选的类别还会发送到 {email}。",
    en: "Notifications always appear in the app; the kinds ticked here also go to {email}.",
  },
  "mailPrefs.language": { zh: "邮件语言", en: "Language of e-mails" },
  "mailPrefs.saved": { zh: "邮件通知设置已保存。", en: "E-mail preferences saved." },
  "mailPrefs.save": { zh: "保存邮件设置", en: "Save e-mail preferences" },
  "mailPrefs.kind.demand_fits": { zh: "符合我方能力的新需求", en: "New demands that fit us" },
  "mailPrefs.kind.invited": { zh: "受邀参与需求", en: "Invitations to a demand" },
  "mailPrefs.kind.match_confirmed": { zh: "确认定点", en: "Awards (定点)" },
  "mailPrefs.kind.supplier_interested": { zh: "供应商表示意向或报价", en: "A supplier's interest or quote" },
  "mailPrefs.kind.supplier_declined": { zh: "供应商谢绝", en: "A supplier declined" },
  "mailPrefs.kind.sign_up_email_registered": {
    zh: "有人用我的邮箱注册",
    en: "Someone signed up with my e-mail",
  },
  "mailPrefs.kind.invitation_email_registered": {
    zh: "有人用我的邮箱接受邀请",
    en: "Someone accepted an invitation with my e-mail",
  },
  "mailPrefs.kind.other": { zh: "其他通知", en: "Other notifications" },
  "lang.zh": { zh: "中文", en: "Chinese (中文)" },
  "lang.en": { zh: "英文（English）", en: "English" },

  // The e-mails themselves
  "mail.greeting": { zh: "{name}，您好：", en: "Hello {name}," },
  "mail.open": { zh: "查看：{url}", en: "Open: {url}" },
  "mail.footer": {
    zh: "这是配套平台自动发送的邮件，请勿直接回复。选择接收哪些邮件：{url}",
    en: "This e-mail was sent by Peitao (配套); please do not reply. Choose which e-mails you receive: {url}",
  },
  "mail.reset.subject": { zh: "重置您的配套密码", en: "Reset your Peitao password" },
  "mail.reset.body": {
    zh: "我们收到了重置您配套账号密码的申请。请打开下面的链接设置新密码（1小时内有效，只能使用一次）：",
    en: "We were asked to reset the password of your Peitao account. Open this link to set a new one (valid for one hour, once):",
  },
  "mail.reset.ignore": {
    zh: "如果不是您本人申请，请忽略此邮件，您的密码不会改变。",
    en: "If you did not ask for this, ignore this e-mail: your password stays as it is.",
  },

  // First steps of a new supplier
  "firstSteps.title": { zh: "开始使用：完成以下几步", en: "First steps" },
  "firstSteps.progress": { zh: "已完成 {done}/{total}", en: "{done} of {total} done" },
  "firstSteps.done": { zh: "已完成", en: "Done" },
  "firstSteps.todo": { zh: "待完成", en: "To do" },
  "firstSteps.step.profile": {
    zh: "完善企业档案：填写主营产品并选择零部件品类",
    en: "Complete your profile: what you make and your part categories",
  },
  "firstSteps.step.sites": {
    zh: "登记生产地址（在地图上标出工厂位置）",
    en: "Add your production sites (place them on the map)",
  },
  "firstSteps.step.certificates": {
    zh: "登记资质证书（如 IATF 16949，注明有效期）",
    en: "Add your certificates (such as IATF 16949, with their validity)",
  },
  "firstSteps.step.opportunity": {
    zh: "在“商机”中回应第一个需求（表示意向或报价）",
    en: "Answer your first opportunity (interest or a quote)",
  },
} as const satisfies Record<string, Record<Lang, string>>;
