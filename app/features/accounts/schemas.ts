import { z } from "zod";
import { isLocalPath } from "../../domain/local-path";
import { checkPassword, PASSWORD_MAX, passwordContextProblem } from "../../domain/password";
import { checkUscc } from "../../domain/uscc";
import { EMAIL_KINDS } from "../../domain/mail";
import { ROLES } from "../../domain/vocabulary";
import { LANGS } from "../../lib/i18n";

/** Where to go afterwards: a path on this site, never another origin (anything else: home). */
const localPath = z.string().max(2000).refine(isLocalPath).catch("/");

export const emailField = z
  .string({ message: "form.required" })
  .trim()
  .toLowerCase()
  .min(1, "form.required")
  .max(254, "form.tooLong")
  .pipe(z.email({ message: "form.email" }));

/** A new password: length, and not one of the commonest. */
export const newPasswordField = z
  .string({ message: "form.required" })
  .max(PASSWORD_MAX, "form.password.too_long")
  .superRefine((value, ctx) => {
    const problem = checkPassword(value);
    if (problem) ctx.addIssue({ code: "custom", message: `form.password.${problem}` });
  });

export const usccField = z
  .string({ message: "form.required" })
  .min(1, "form.required")
  .max(40, "form.tooLong")
  .transform((value, ctx) => {
    const result = checkUscc(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: `form.uscc.${result.problem}` });
      return z.NEVER;
    }
    return result.code;
  });

export const nameField = (max = 100) =>
  z.string({ message: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
export const optionalNameField = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, "form.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ message: "form.required" }).min(1, "form.required").max(PASSWORD_MAX, "form.tooLong"),
  redirectTo: localPath,
});

/**
 * A new password must not be the account's e-mail (or its local part), its organization's
 * name or the product's name; the form's own fields give those it knows.
 */
const notPersonal =
  (field: string, words: (value: Record<string, unknown>) => (string | undefined)[]) =>
  (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const password = value[field];
    if (typeof password !== "string") return;
    const problem = passwordContextProblem(password, words(value));
    if (problem) ctx.addIssue({ code: "custom", path: [field], message: `form.password.${problem}` });
  };
const text = (v: unknown) => (typeof v === "string" ? v : undefined);

export const signUpSchema = z
  .object({
    nameZh: nameField(200),
    nameEn: optionalNameField(200),
    uscc: usccField,
    displayName: nameField(100),
    email: emailField,
    password: newPasswordField,
  })
  .superRefine(notPersonal("password", (v) => [text(v.email), text(v.nameZh), text(v.nameEn)]));

export const changePasswordSchema = z.object({
  currentPassword: z.string({ message: "form.required" }).min(1, "form.required").max(PASSWORD_MAX, "form.tooLong"),
  newPassword: newPasswordField,
});

/** The inviting organization's name is checked by the use case, which knows it. */
export const acceptInvitationSchema = z
  .object({
    displayName: nameField(100),
    email: emailField,
    password: newPasswordField,
  })
  .superRefine(notPersonal("password", (v) => [text(v.email)]));

/** The members page's forms, one schema per use case (the page tells them apart by `intent`). */
export const roleField = z.enum(ROLES);
export const inviteMemberSchema = z.object({ role: roleField });
export const changeMemberRoleSchema = z.object({ userId: z.uuid(), role: roleField });
export const removeMemberSchema = z.object({ userId: z.uuid() });
export const memberActionSchema = z.discriminatedUnion("intent", [
  inviteMemberSchema.extend({ intent: z.literal("invite") }),
  changeMemberRoleSchema.extend({ intent: z.literal("changeRole") }),
  removeMemberSchema.extend({ intent: z.literal("remove") }),
]);

export const createApiTokenSchema = z.object({ name: nameField(100) });
export const revokeApiTokenSchema = z.object({ tokenId: z.uuid() });
export const tokenActionSchema = z.discriminatedUnion("intent", [
  createApiTokenSchema.extend({ intent: z.literal("create") }),
  revokeApiTokenSchema.extend({ intent: z.literal("revoke") }),
]);

/** `npm run admin -- create-user`: without `org`, officials and administrators join the agency. */
export const createUserSchema = z
  .object({
    role: z.enum(ROLES),
    email: emailField,
    name: nameField(100),
    password: newPasswordField,
    org: z.uuid().optional(),
  })
  .superRefine(notPersonal("password", (v) => [text(v.email)]));

export type SignInInput = z.output<typeof signInSchema>;
export type SignUpInput = z.output<typeof signUpSchema>;
export type ChangePasswordInput = z.output<typeof changePasswordSchema>;
export type AcceptInvitationInput = z.output<typeof acceptInvitationSchema>;
export type InviteMemberInput = z.output<typeof inviteMemberSchema>;
export type ChangeMemberRoleInput = z.output<typeof changeMemberRoleSchema>;
export type RemoveMemberInput = z.output<typeof removeMemberSchema>;
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;
export type RevokeApiTokenInput = z.output<typeof revokeApiTokenSchema>;
export type CreateUserInput = z.output<typeof createUserSchema>;

export const me = z.object({
  organization: z.object({
    id: z.uuid(),
    kind: z.enum(["oem", "supplier", "agency"]),
    name_zh: z.string(),
    name_en: z.string().nullable(),
    verification_status: z.string(),
  }),
  role: z.string(),
  via: z.enum(["session", "token"]),
});

/** The header's language switch: the language, and the local page to return to. */
export const languageChoice = z.object({
  lang: z.enum(LANGS),
  redirectTo: localPath,
});

/** 忘记密码: the e-mail a reset link is asked for. */
export const forgotPasswordSchema = z.object({ email: emailField });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

/** The new password set through a reset link (the use case checks it against the account). */
export const resetPasswordSchema = z.object({ password: newPasswordField });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** The e-mail choices on /account: the kinds ticked, and the e-mails' language. */
export const mailPreferencesSchema = z.object({
  language: z.enum(LANGS, { message: "form.invalid" }),
  email: z
    .array(z.enum(EMAIL_KINDS, { message: "form.invalid" }))
    .max(EMAIL_KINDS.length)
    .default([]),
});
export type MailPreferencesInput = z.infer<typeof mailPreferencesSchema>;
