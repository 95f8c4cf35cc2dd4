// One command (a form submit or a button): pending state, and the server's error as a
// sentence plus per-field messages.
import { useCallback, useRef, useState } from "react";
import { ApiRequestError } from "../api/http";

export interface Submit<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  pending: boolean;
  error: ApiRequestError | null;
  message: string | null;
  fields: Record<string, string>;
  reset(): void;
}

export function useSubmit<A extends unknown[], R>(action: (...args: A) => Promise<R>): Submit<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const busy = useRef(false);

  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setPending(true);
      setError(null);
      try {
        return await action(...args);
      } catch (err) {
        if (err instanceof ApiRequestError) {
          setError(err);
          return undefined;
        }
        throw err;
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
    [action],
  );

  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, message: error?.message ?? null, fields: error?.fields ?? {}, reset };
}
