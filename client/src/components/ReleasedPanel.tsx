// "Released by me": every fragment I released at this table, with its path.
import { useTranslation } from "react-i18next";
import type { AuthoredFragmentView } from "../../../shared/types";
import type { Resource } from "../hooks/useResource";
import type { RecordedCommitment } from "../log/verifyTable";
import { FormError } from "./FormError";
import { ReleasedFragment } from "./ReleasedFragment";

interface Props {
  tableId: string;
  released: Resource<AuthoredFragmentView[]>;
  /** What the verified log records for each release, by fragment id. */
  commitments: ReadonlyMap<string, RecordedCommitment>;
}

export function ReleasedPanel({ tableId, released, commitments }: Props) {
  const { t } = useTranslation();
  const list = [...(released.data ?? [])].sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
  return (
    <div className="panel">
      <div className="panel-intro">
        <h2>{t("released.title")}</h2>
        <p className="muted">{t("released.intro")}</p>
      </div>
      <FormError message={released.error?.message} />
      {list.length === 0 && !released.loading ? <p className="empty">{t("released.empty")}</p> : null}
      <ul className="items">
        {list.map((f) => (
          <li key={f.id}>
            <ReleasedFragment
              tableId={tableId}
              fragment={f}
              recorded={commitments.get(f.id)}
              onChanged={() => void released.reload()}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
