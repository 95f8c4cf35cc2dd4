import { useCallback, useMemo, useState, type ReactNode } from "react";
import { NoticeContext, type NoticeContextValue } from "../hooks/useNotice";

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null);
  const show = useCallback((message: string) => setNotice(message), []);
  const dismiss = useCallback(() => setNotice(null), []);
  const value = useMemo<NoticeContextValue>(() => ({ notice, show, dismiss }), [notice, show, dismiss]);
  return <NoticeContext value={value}>{children}</NoticeContext>;
}
