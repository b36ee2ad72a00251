import { z } from "zod";

/**
 * The dashboard's query (page and exports): a bad value falls back rather than failing.
 * The year stays text here: which years exist is the ledger's to say (resolveYear).
 */
export const dashboardParams = z.object({
  year: z.string().max(20).optional().catch(undefined),
  basis: z.enum(["province", "circle"]).catch("province"),
  view: z.enum(["oem", "plant", "category"]).catch("oem"),
  // Checked against the ledger's OEMs, plants and categories (an unknown one is named, not dropped).
  oem: z.string().trim().max(60).optional().catch("?"),
  plant: z.string().trim().max(60).optional().catch("?"),
  category: z.string().trim().max(60).optional().catch("?"),
});
export type DashboardQuery = z.infer<typeof dashboardParams>;
