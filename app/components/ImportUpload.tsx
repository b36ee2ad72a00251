import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT, type MessageKey } from "../lib/i18n";

export interface GuideColumn {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  example: string;
  help: string;
}

/**
 * An import's upload form and its column guide (the supplier import and the procurement
 * import): the file field (and the import's options, `children`), and each column's
 * header, English alias, whether it is required, an example, and its note from the
 * catalogue (`helpKey`).
 */
export function ImportUpload({
  columns,
  helpKey,
  children,
}: {
  columns: readonly GuideColumn[];
  helpKey: (columnKey: string) => MessageKey;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <Form
        method="post"
        encType="multipart/form-data"
        className="inline"
        // The file field, the options and the button wrap on a narrow screen.
        style={{ flexWrap: "wrap", maxWidth: "100%" }}
      >
        <input type="file" name="file" accept=".csv,.xlsx,text/csv" required aria-label={t("imports.file")} />
        {children}
        <button type="submit" className="primary">
          {t("imports.start")}
        </button>
      </Form>
      <h2>{t("imports.columns")}</h2>
      <div className="table-scroll">
        <table className="data-table cards">
          <thead>
            <tr>
              <th>{t("imports.column")}</th>
              <th>{t("imports.alias")}</th>
              <th>{t("imports.required")}</th>
              <th>{t("imports.example")}</th>
              <th>{t("imports.notes")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.key}>
                <td data-label={t("imports.column")}>{c.zh}</td>
                <td data-label={t("imports.alias")}>
                  <code>{c.en}</code>
                </td>
                <td data-label={t("imports.required")}>{c.required ? "✓" : ""}</td>
                <td data-label={t("imports.example")}>{c.example}</td>
                <td data-label={t("imports.notes")}>{c.help ? t(helpKey(c.key)) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
