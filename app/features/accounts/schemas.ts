import { z } from "zod";
import { checkPassword, PASSWORD_MAX } from "../../domain/password";
import { checkUscc } from "../../domain/uscc";

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

export const nameField = (max = 100) => z.string({ message: "form.required" }).trim().min(1, "form.required").max(max, "form.tooLong");
export const optionalNameField = (max = 200) =>
  z.string().trim().max(max, "form.tooLong").optional().transform((v) => (v ? v : undefined));

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ message: "form.required" }).min(1, "form.required").max(PASSWORD_MAX, "form.tooLong"),
  redirectTo: z.string().max(2000).regex(/^\/(?!\/)/).catch("/"),
});

export const signUpSchema = z.object({
  nameZh: nameField(200),
  nameEn: optionalNameField(200),
  uscc: usccField,
  displayName: nameField(100),
  email: emailField,
  password: newPasswordField,
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ message: "form.required" }).min(1, "form.required").max(PASSWORD_MAX, "form.tooLong"),
  newPassword: newPasswordField,
});

export const acceptInvitationSchema = z.object({
  displayName: nameField(100),
  email: emailField,
  password: newPasswordField,
});

export const me = z.object({
  organization: z.object({ id: z.uuid(), kind: z.enum(["oem", "supplier", "agency"]), name_zh: z.string(), name_en: z.string().nullable(), verification_status: z.string() }),
  role: z.string(),
  via: z.enum(["session", "token"]),
});
