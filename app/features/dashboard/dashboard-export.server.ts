import type { AppLoadContext } from "@remix-run/node";
import { translate } from "../../lib/i18n";
import { loadDashboard } from "./load-dashboard.server";
import { contentDisposition, downloadName, tableCsv, tableXlsx, type ExportMeta } from "./table-exports.server";

/**
 * One dashboard table as a download (CSV or XLSX), for the same query as the page: its
 * year, basis, view and drill-down. Named by table, basis, year and day; 404 for a table
 * the page does not show.
 */
export async function dashboardExport(context: AppLoadContext, request: Request, format: "csv" | "xlsx") {
  const loaded = await loadDashboard(context, request);
  const { tables, params, lang, drill, years } = loaded;
  const table = tables.find((t) => t.id === new URL(request.url).searchParams.get("table"));
  if (!table) throw new Response("Not Found", { status: 404 });
  const y = years.find((x) => x.year === params.year);
  const meta: ExportMeta = {
    lang,
    basis: params.basis,
    year: params.year,
    yearLabel: y?.partial
      ? translate(lang, "dash.year.partialOption", { year: params.year, q: y.throughQuarter })
      : String(params.year),
    filters: [drill.at.oem, drill.at.plant, drill.at.category]
      .filter((x) => x !== undefined)
      .map((x) => (lang === "en" && x.nameEn ? x.nameEn : x.nameZh)),
    at: new Date(),
  };
  const name = downloadName(table, meta, format);
  const ascii = downloadName(table, { ...meta, lang: "en" }, format);
  const disposition = contentDisposition(name, ascii);
  if (format === "csv")
    return new Response(tableCsv(table, meta), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition },
    });
  return new Response(new Uint8Array(await tableXlsx(table, meta)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition,
    },
  });
}
