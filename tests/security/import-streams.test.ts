import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { PROCUREMENT_COLUMNS } from "../../app/domain/procurement-import";
import { csvRows, ImportFileError, MAX_IMPORT_ROWS, streamToRecords } from "../../app/lib/import/records";
import { uploadRecords } from "../../app/lib/import/upload.server";
import { xlsxRows } from "../../app/lib/import/xlsx.server";
import { bigCsv, bigXlsx, procurementHeader as header } from "../helpers/import-files";

// Finding 7 (first half): the whole workbook was parsed before the 50k-row limit applied.
// Now CSV and XLSX are read as streams and the limit applies while reading: a sheet over
// it is refused after at most limit + 1 rows past the header, counted here.

/** Count the rows a reader hands out. */
function counted<T>(rows: AsyncIterable<T> | Iterable<T>) {
  const counter = { rows: 0 };
  async function* wrap() {
    for await (const r of rows) {
      counter.rows++;
      yield r;
    }
  }
  return { rows: wrap(), counter };
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportFileError);
  return err as ImportFileError;
}

describe("finding 7: imports read as streams, the row limit applied while reading", () => {
  it("refuses an XLSX sheet over the limit after reading at most limit + 1 rows", async () => {
    const bytes = await bigXlsx(MAX_IMPORT_ROWS + 20_000);
    const { rows, counter } = counted(xlsxRows(bytes));
    const err = await refusal(streamToRecords(rows, PROCUREMENT_COLUMNS));
    expect(err.key).toBe("importFile.tooManyRows");
    // The header and limit + 1 rows, not the 70,000 of the sheet.
    expect(counter.rows).toBe(MAX_IMPORT_ROWS + 2);
    // The upload path gives the same answer.
    expect((await refusal(uploadRecords({ bytes, name: "big.xlsx", fields: {} }, PROCUREMENT_COLUMNS))).key).toBe(
      "importFile.tooManyRows",
    );
  }, 120_000);

  it("refuses a CSV over the limit after reading at most limit + 1 rows", async () => {
    const bytes = bigCsv(MAX_IMPORT_ROWS + 20_000);
    const { rows, counter } = counted(csvRows(bytes));
    expect((await refusal(streamToRecords(rows, PROCUREMENT_COLUMNS))).key).toBe("importFile.tooManyRows");
    expect(counter.rows).toBe(MAX_IMPORT_ROWS + 2);
  }, 60_000);

  it("reads a sheet at the limit whole, with the file's row numbers, and never the second sheet", async () => {
    const bytes = await bigXlsx(MAX_IMPORT_ROWS);
    const records = await streamToRecords(xlsxRows(bytes), PROCUREMENT_COLUMNS);
    expect(records).toHaveLength(MAX_IMPORT_ROWS);
    expect(records.at(-1)).toMatchObject({ row: MAX_IMPORT_ROWS + 1, record: { documentNo: `D${MAX_IMPORT_ROWS}` } });
  }, 120_000);

  it("keeps Chinese text whole across the stream's chunk boundaries", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("s");
    sheet.addRow(header);
    // Inline text of many multi-byte characters: chunk boundaries fall inside characters.
    for (let i = 0; i < 3000; i++)
      sheet.addRow([
        `单据${i}`,
        "2027",
        "1",
        "OEM05",
        "A02",
        "1.00",
        "",
        "长春一汽富维汽车零部件股份有限公司".repeat(3),
      ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const records = await streamToRecords(xlsxRows(bytes), PROCUREMENT_COLUMNS);
    expect(records).toHaveLength(3000);
    for (const r of records) expect(r.record.supplierName).toBe("长春一汽富维汽车零部件股份有限公司".repeat(3));
  }, 60_000);

  it("answers a file that is not a workbook with its message", async () => {
    expect((await refusal(streamToRecords(xlsxRows(Buffer.from("PK not a zip")), PROCUREMENT_COLUMNS))).key).toBe(
      "importFile.notXlsx",
    );
  });
});
