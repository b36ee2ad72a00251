import { Link } from "@remix-run/react";
import { useT, type MessageKey } from "../lib/i18n";

/**
 * What an empty list says instead of showing only its headers: why it is empty and what
 * to do next, with a link to the page where that is done.
 */
export function EmptyState({
  message,
  action,
  testId,
}: {
  message: MessageKey;
  action?: { to: string; label: MessageKey };
  testId?: string;
}) {
  const t = useT();
  return (
    <div className="empty-state" data-testid={testId ?? "empty-state"}>
      <p>{t(message)}</p>
      {action ? (
        <p>
          <Link to={action.to}>{t(action.label)} →</Link>
        </p>
      ) : null}
    </div>
  );
}
