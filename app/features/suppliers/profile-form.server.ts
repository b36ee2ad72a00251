import { supplierProfileSchema } from "../../domain/supplier-profile";

/**
 * The profile form's flat fields (site.0.lat, cert.1.kind, categories repeated) as the
 * object the profile schema parses. Blank certification and site rows are left out.
 */
export function profileFromForm(form: FormData, countyPoints: Map<number, { lat: number; lng: number }> = new Map()) {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const rows = (prefix: string) => {
    const indexes = new Set<number>();
    for (const key of form.keys()) {
      const m = key.match(new RegExp(`^${prefix}\\.(\\d{1,2})\\.`));
      if (m) indexes.add(Number(m[1]));
    }
    return [...indexes].sort((a, b) => a - b);
  };
  const sites = rows("site")
    .map((i) => ({
      id: str(`site.${i}.id`) || undefined,
      label: str(`site.${i}.label`),
      adcode: str(`site.${i}.adcode`),
      lat: str(`site.${i}.lat`),
      lng: str(`site.${i}.lng`),
      datum: str(`site.${i}.datum`) || "wgs84",
      address: str(`site.${i}.address`),
    }))
    .filter((s) => s.adcode || s.lat || s.lng || s.address || s.label)
    .map((s) => {
      // A county without coordinates stands at the county's point.
      const point = countyPoints.get(Number(s.adcode));
      return !s.lat.trim() && !s.lng.trim() && point ? { ...s, lat: String(point.lat), lng: String(point.lng), datum: "wgs84" } : s;
    });
  const certifications = rows("cert")
    .map((i) => ({ kind: str(`cert.${i}.kind`), name: str(`cert.${i}.name`), validUntil: str(`cert.${i}.validUntil`) || null }))
    .filter((c) => c.kind);
  const employees = str("employees").trim();
  return {
    nameZh: str("nameZh"),
    nameEn: str("nameEn"),
    productsZh: str("productsZh"),
    productsEn: str("productsEn"),
    categories: form.getAll("categories").filter((v): v is string => typeof v === "string"),
    processes: str("processes"),
    certifications,
    annualCapacity: str("annualCapacity"),
    employees: employees === "" ? null : employees,
    nevCapable: str("nevCapable") === "1",
    customers: str("customers"),
    contactName: str("contactName"),
    contactPhone: str("contactPhone"),
    contactEmail: str("contactEmail"),
    sites,
  };
}

/** Field errors keyed by their form name (site.0.lat), as message keys. */
export function parseProfileForm(form: FormData, countyPoints?: Map<number, { lat: number; lng: number }>) {
  const raw = profileFromForm(form, countyPoints);
  const parsed = supplierProfileSchema.safeParse(raw);
  if (parsed.success) return { ok: true as const, data: parsed.data, raw };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const [head, index, field] = issue.path.map(String);
    const name = head === "sites" ? `site.${index}.${field ?? "adcode"}` : head === "certifications" ? `cert.${index}.${field ?? "kind"}` : head ?? "_form";
    if (errors[name]) continue;
    errors[name] = issue.message.startsWith("form.") ? issue.message : issue.code === "too_big" ? "form.tooLong" : "form.invalid";
  }
  return { ok: false as const, errors, raw };
}
