import { demandSchema } from "../../domain/demand";
import { fieldErrors, type FieldErrors } from "../../lib/forms.server";

/** Parse the demand form (repeated requiredCerts) without throwing. */
export async function parseDemandForm(request: Request): Promise<{ ok: true; data: ReturnType<typeof demandSchema.parse> } | { ok: false; errors: FieldErrors; values: Record<string, unknown> }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, errors: { _form: "form.invalid" }, values: {} };
  }
  const values: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = key === "requiredCerts" ? all : all[0];
  }
  const parsed = demandSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
  return { ok: true, data: parsed.data };
}
