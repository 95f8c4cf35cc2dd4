// Before releasing: once a category and a purpose are chosen, the server says for each
// possible recipient whether the table's agreement allows it, and names the article if not.
import { api } from "../api/tafel";
import type { Category, TablePurpose } from "../../../shared/schemas";
import type { ReleaseCheckView } from "../../../shared/types";
import { useResource } from "./useResource";

export interface ReleaseCheck {
  /** Recipients the agreement excludes, by id, with the reason. */
  excluded: ReadonlyMap<string, string>;
  loading: boolean;
  error: string | null;
  /** Ask again (e.g. after the server refused: a new version may have come into force). */
  reload(): void;
}

export function useReleaseCheck(tableId: string, category: Category | "", purpose: TablePurpose): ReleaseCheck {
  const key = category ? `release-check:${tableId}:${category}:${purpose}` : null;
  const check = useResource<ReleaseCheckView[]>(key, () => (category ? api.releaseCheck(tableId, category, purpose) : Promise.resolve([])));
  const excluded = new Map<string, string>();
  if (key) {
    for (const r of check.data ?? []) if (!r.allowed) excluded.set(r.recipient.id, r.reason ?? "");
  }
  return { excluded, loading: check.loading, error: check.error?.message ?? null, reload: () => void check.reload() };
}
