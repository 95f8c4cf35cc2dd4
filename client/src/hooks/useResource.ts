// One REST resource: load on mount (and when `key` changes), reload on demand, and keep
// the last good data while reloading so the screen does not flicker.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { ApiRequestError } from "../api/http";

export interface Resource<T> {
  data: T | undefined;
  error: ApiRequestError | null;
  loading: boolean;
  reload(): Promise<void>;
}

export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const loader = useRef(load);
  useLayoutEffect(() => {
    loader.current = load;
  });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await loader.current();
      if (mine !== generation.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (mine !== generation.current) return;
      if (err instanceof ApiRequestError) setError(err);
      else throw err;
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    setError(null);
    if (key === null) {
      setLoading(false);
      return;
    }
    void reload();
    return () => {
      generation.current++;
    };
  }, [key, reload]);

  return { data, error, loading, reload };
}
