import { z } from "zod";

/** The dashboard's query (page and exports): a bad value falls back to the default rather than failing. */
export const dashboardParams = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .catch(() => new Date().getFullYear()),
  basis: z.enum(["province", "circle"]).catch("province"),
});
