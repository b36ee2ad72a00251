import ExcelJS from "exceljs";
import { PROCUREMENT_COLUMNS } from "../../domain/procurement-import";
import { csvField, spreadsheetCells } from "../../lib/import/csv";
import { translate, type MessageKey } from "../../lib/i18n";

// The procurement import's template, CSV and XLSX: the header (required columns marked *),
// then each column's help and an example as comment rows. A comment row's document number
// starts with "#", so the template as downloaded imports as no rows at all, and the
// example cannot land in a ledger by mistake.

const help = (key: string, lang: "zh" | "en") => {
  const c = PROCUREMENT_COLUMNS.find((x) => x.key === key)!;
  return c.help ? translate(lang, `ledger.help.${key}` as MessageKey) : "";
};

const header = () => PROCUREMENT_COLUMNS.map((c) => (c.required ? `${c.zh}*` : c.zh));

/** The comment rows: help in Chinese, help in English, the example (at the OEM's own plant when given). */
function commentRows(examplePlant?: string): string[][] {
  const helpRow = (lang: "zh" | "en", label: string) =>
    PROCUREMENT_COLUMNS.map((c, i) => {
      const text = [c.en, c.required ? translate(lang, "ledger.template.required") : "", help(c.key, lang)]
        .filter(Boolean)
        .join(" · ");
      return i === 0 ? `# ${label}: ${text}` : text;
    });
  const example = PROCUREMENT_COLUMNS.map((c, i) =>
    i === 0
      ? `# ${translate("zh", "ledger.template.example")} ${c.example}`
      : c.key === "plant" && examplePlant
        ? examplePlant
        : c.example,
  );
  return [
    helpRow("zh", translate("zh", "ledger.template.help")),
    helpRow("en", translate("en", "ledger.template.help")),
    example,
  ];
}

/** UTF-8 with a BOM, so that Excel opens the Chinese headers correctly. */
export function procurementTemplateCsv(examplePlant?: string): string {
  const rows = [header(), ...commentRows(examplePlant)];
  return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** The workbook: the header with each column's help as a cell note, the comment rows, a column guide. */
export async function procurementTemplateXlsx(examplePlant?: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("采购 procurement");
  sheet.addRow(spreadsheetCells(header()));
  sheet.getRow(1).font = { bold: true };
  PROCUREMENT_COLUMNS.forEach((c, i) => {
    const note = [c.en, help(c.key, "zh"), help(c.key, "en")].filter(Boolean).join("\n");
    sheet.getRow(1).getCell(i + 1).note = note;
    sheet.getColumn(i + 1).width = Math.max(12, c.zh.length * 2 + 4);
  });
  for (const row of commentRows(examplePlant)) {
    const added = sheet.addRow(spreadsheetCells(row));
    added.font = { italic: true, color: { argb: "FF777777" } };
  }
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const guide = workbook.addWorksheet("说明 columns");
  guide.addRow(["列 column", "English", "必填 required", "说明", "notes"]);
  guide.getRow(1).font = { bold: true };
  for (const c of PROCUREMENT_COLUMNS)
    guide.addRow(spreadsheetCells([c.zh, c.en, c.required ? "是 yes" : "", help(c.key, "zh"), help(c.key, "en")]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
