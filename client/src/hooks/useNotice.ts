// A page-level notice that survives navigation ("You no longer have access to this table").
import { createContext, useContext } from "react";

export interface NoticeContextValue {
  notice: string | null;
  show(message: string): void;
  dismiss(): void;
}

export const NoticeContext = createContext<NoticeContextValue | null>(null);

export function useNotice(): NoticeContextValue {
  const value = useContext(NoticeContext);
  if (!value) throw new Error("useNotice outside NoticeProvider");
  return value;
}
